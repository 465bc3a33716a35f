import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountExistsEmail, confirmationEmail } from "./emails";
import { hashPassword } from "@/lib/passwords/hashing";
import { issueUserToken } from "@/lib/tokens/user-tokens";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { insertUser } from "./insert-user";
import { holdUsername, usernameIsFree } from "./username-holds";
import { CONFIRMATION_LIFETIME_HOURS, purgeLapsedSignUps, sealCredentials, type SignUpCredentials } from "./unconfirmed";

export type SignUpResult = { ok: true } | { ok: false; field: "username"; message: string };

/**
 * Signs up, answering a stranger the same whether or not the address is registered: the
 * username is checked first, for everyone (usernames are public), and then every address gets
 * "check your inbox", and the username is held for 24 hours whatever the address (username-holds.ts).
 * What arrives there differs:
 * - a new address: an unconfirmed account and its confirmation link;
 * - an address with a confirmed account: a note to its owner, nothing created;
 * - an address with an unconfirmed account: a link carrying this sign-up's own username and password,
 *   which replaces earlier links; the account takes them only when this link is opened, so whoever
 *   signed up first with someone else's address owns nothing once the owner confirms.
 */
export async function signUp(input: { email: string; username: string; password: string; ip?: string }): Promise<SignUpResult> {
  // Hashed on every path, so that a registered address takes as long as a new one.
  const passwordHash = await hashPassword(input.password);
  await purgeLapsedSignUps(db(), { email: input.email, username: input.username });
  if (!(await usernameIsFree(db(), input.username))) return usernameTaken();

  const credentials = { username: input.username, passwordHash };
  const existing = await db().user.findUnique({ where: { email: input.email } });
  if (existing) {
    if (!(await holdUsername(input.username, existing.emailConfirmedAt ? null : existing.id))) return usernameTaken();
    await signUpAgain(existing, credentials);
    return { ok: true };
  }
  try {
    await db().$transaction(async (tx) => {
      const user = await insertUser(tx, { email: input.email, ...credentials });
      await sendConfirmation(tx, user);
      await recordAudit(tx, { action: "account.created", actorId: user.id, targetUserId: user.id, ip: input.ip });
    });
  } catch (error) {
    if (isUniqueViolation(error, "username")) return usernameTaken();
    if (!isUniqueViolation(error, "email")) throw error;
    // The same address signed up twice at once: the other sign-up made the account, this one is a later one.
    await signUpAgain(await db().user.findUniqueOrThrow({ where: { email: input.email } }), credentials);
  }
  notifyOutbox();
  return { ok: true };
}

function usernameTaken(): SignUpResult {
  return { ok: false, field: "username", message: "This username is taken. Try another." };
}

async function signUpAgain(
  user: { id: string; email: string; username: string; emailConfirmedAt: Date | null },
  credentials: SignUpCredentials,
) {
  await db().$transaction(async (tx) => {
    if (user.emailConfirmedAt) {
      await enqueueEmail(tx, user.email, accountExistsEmail({ username: user.username }));
    } else {
      await sendConfirmation(tx, user, credentials);
    }
  });
  notifyOutbox();
}

/**
 * Mails a confirmation link, replacing any earlier one. With `credentials`, the link carries them
 * (sealed) and confirming it gives them to the account; without, it confirms the account as it is
 * (an account the operator created, or the sign-up that created the account).
 */
export async function sendConfirmation(
  tx: Db,
  user: { id: string; email: string; username: string },
  credentials?: SignUpCredentials,
): Promise<void> {
  const username = credentials?.username ?? user.username;
  const token = await issueUserToken(tx, {
    userId: user.id,
    purpose: "EMAIL_CONFIRMATION",
    lifetimeSeconds: CONFIRMATION_LIFETIME_HOURS * 3600,
    payload: credentials ? sealCredentials(user.id, credentials) : undefined,
  });
  await enqueueEmail(tx, user.email, confirmationEmail({ username, token, lifetimeHours: CONFIRMATION_LIFETIME_HOURS }));
}
