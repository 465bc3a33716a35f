import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { signUpLapsedEmail } from "./emails";
import { randomToken, sha256 } from "@/lib/tokens/random";
import { checkUserToken, consumeUserToken, type TokenCheck } from "@/lib/tokens/user-tokens";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { sendConfirmation } from "./sign-up";
import { heldByAnother, releaseHolds } from "./username-holds";
import { openCredentials, purgeLapsedSignUps, type SignUpCredentials } from "./unconfirmed";
import { plausibleLinkToken } from "@/lib/tokens/link-token";

export type ConfirmationStatus = TokenCheck["status"] | "username-taken";

/** What opening the link would do, without using it: the page names the account it confirms. */
export async function checkConfirmationLink(
  token: string,
): Promise<{ status: "valid"; username: string } | { status: Exclude<ConfirmationStatus, "valid"> }> {
  const link = await inspectLink(db(), token);
  return link.status === "valid" ? { status: "valid", username: link.credentials?.username ?? link.username } : link;
}

/**
 * Confirms the address with the link's sign-up: the account takes the username and password chosen
 * in the sign-up that mailed this link (never an earlier sign-up's, which may be someone else's), and every other link for it stops working.
 */
export async function confirmEmail(token: string, ip?: string): Promise<ConfirmationStatus> {
  try {
    return await db().$transaction(async (tx) => {
      const link = await inspectLink(tx, token);
      if (link.status !== "valid") return link.status;
      const result = await consumeUserToken(tx, { token, purpose: "EMAIL_CONFIRMATION" });
      if (result.status !== "valid") return result.status;
      await tx.userToken.updateMany({ where: { tokenHash: sha256(token) }, data: { payload: null } });
      await tx.userToken.updateMany({ where: { userId: link.userId, usedAt: null }, data: { usedAt: new Date() } });
      const credentials = link.credentials ? { ...link.credentials, securityStamp: randomToken(16) } : {};
      await tx.user.update({ where: { id: link.userId }, data: { emailConfirmedAt: new Date(), ...credentials } });
      await releaseHolds(tx, link.userId);
      await recordAudit(tx, { action: "account.email_confirmed", actorId: link.userId, targetUserId: link.userId, ip });
      return result.status;
    });
  } catch (error) {
    // Taken between the check and the update by a parallel sign-up: the unique index decides.
    if (isUniqueViolation(error, "username")) return "username-taken";
    throw error;
  }
}

type Link =
  | { status: "valid"; userId: string; username: string; credentials: SignUpCredentials | null }
  | { status: Exclude<ConfirmationStatus, "valid"> };

async function inspectLink(tx: Db, token: string): Promise<Link> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const check = await checkUserToken(tx, { token, purpose: "EMAIL_CONFIRMATION" });
  if (check.status !== "valid") return check;
  const row = await tx.userToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) }, include: { user: true } });
  const credentials = row.payload ? openCredentials(row.userId, row.payload) : null;
  if (credentials && credentials.username !== row.user.username) {
    const holder = await tx.user.findUnique({ where: { username: credentials.username }, select: { id: true } });
    if (holder || (await heldByAnother(tx, credentials.username, row.userId))) return { status: "username-taken" };
  }
  return { status: "valid", userId: row.userId, username: row.user.username, credentials };
}

/**
 * Mails a fresh link for the newest sign-up of an unconfirmed address (its credentials, not the
 * first sign-up's); a sign-up that has lapsed is removed and its address told to sign up again.
 * Nothing for an unknown or confirmed address, and the same answer for all.
 */
export async function resendConfirmation(email: string): Promise<void> {
  const lapsed = await purgeLapsedSignUps(db(), { email });
  const user = await db().user.findUnique({ where: { email } });
  if (user?.emailConfirmedAt || (!user && lapsed === 0)) return;
  await db().$transaction(async (tx) => {
    if (!user) return enqueueEmail(tx, email, signUpLapsedEmail());
    const newest = await tx.userToken.findFirst({
      where: { userId: user.id, purpose: "EMAIL_CONFIRMATION", usedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    });
    await sendConfirmation(tx, user, newest?.payload ? openCredentials(user.id, newest.payload) : undefined);
  });
  notifyOutbox();
}
