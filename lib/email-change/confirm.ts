import "server-only";
import { lapsedSignUp } from "@/lib/accounts/unconfirmed";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { db, type Db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/encryption";
import { notifyOutbox } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { sha256 } from "@/lib/tokens/random";
import { checkUserToken, consumeUserToken } from "@/lib/tokens/user-tokens";
import { applyEmailChange } from "./apply";
import { emailChangeContext } from "./request";
import { plausibleLinkToken } from "@/lib/tokens/link-token";

export type EmailChangeLinkProblem = "unknown" | "expired" | "used" | "other-account" | "taken";
export type EmailChangeConfirmation = { status: "changed"; email: string } | { status: EmailChangeLinkProblem };

/**
 * What the link would do for the signed-in user, without using it: the page shows the new address
 * and a button, or what is wrong. Someone else's link is "other-account" whatever its state.
 */
export async function checkEmailChangeLink(
  userId: string,
  token: string,
): Promise<{ status: "valid"; email: string } | { status: EmailChangeLinkProblem }> {
  return inspectLink(db(), userId, token);
}

/**
 * Uses the link mailed to the new address: only the signed-in owner of the account that asked can
 * (someone else signed in on that browser changes nothing and uses nothing up), and only once.
 */
export async function confirmEmailChange(userId: string, token: string, client: RequestContext): Promise<EmailChangeConfirmation> {
  try {
    const result = await db().$transaction(async (tx): Promise<EmailChangeConfirmation> => {
      const link = await inspectLink(tx, userId, token);
      if (link.status !== "valid") return link;
      const consumed = await consumeUserToken(tx, { token, purpose: "EMAIL_CHANGE" });
      if (consumed.status !== "valid") return consumed;
      await tx.userToken.updateMany({ where: { tokenHash: sha256(token) }, data: { payload: null } });
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      await applyEmailChange(tx, user, link.email, { actorId: userId, ...client });
      return { status: "changed", email: link.email };
    });
    if (result.status === "changed") notifyOutbox();
    return result;
  } catch (error) {
    // Taken between the check and the update by a parallel change: the unique index decides.
    if (isUniqueViolation(error, "email")) return { status: "taken" };
    throw error;
  }
}

async function inspectLink(
  tx: Db,
  userId: string,
  token: string,
): Promise<{ status: "valid"; email: string } | { status: EmailChangeLinkProblem }> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const row = await tx.userToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (row?.purpose === "EMAIL_CHANGE" && row.userId !== userId) return { status: "other-account" };
  const check = await checkUserToken(tx, { token, purpose: "EMAIL_CHANGE" });
  if (check.status !== "valid") return check;
  if (!row?.payload) return { status: "used" };
  const email = decryptSecret(row.payload, emailChangeContext(userId));
  // Someone took the address after the request: the link cannot give it to this account.
  const holder = await tx.user.findFirst({ where: { email, NOT: lapsedSignUp(new Date()) }, select: { id: true } });
  if (holder) return { status: "taken" };
  return { status: "valid", email };
}
