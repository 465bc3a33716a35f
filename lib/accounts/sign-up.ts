import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountExistsEmail, confirmationEmail } from "@/lib/mail/templates";
import { hashPassword } from "@/lib/passwords/hashing";
import { issueUserToken } from "@/lib/tokens/user-tokens";
import { insertUser, isUniqueViolation } from "./create-user";

export const CONFIRMATION_LIFETIME_HOURS = 24;

export type SignUpResult = { ok: true } | { ok: false; field: "username"; message: string };

/**
 * Creates an unconfirmed account and mails the confirmation link. An address that already has an
 * account gets an email saying so, and the caller shows the same answer as for a new account: the
 * sign-up form does not tell strangers which addresses are registered. Usernames are public, so a
 * taken one is reported at its field.
 */
export async function signUp(input: { email: string; username: string; password: string; ip?: string }): Promise<SignUpResult> {
  // Hashed on every path, so that a registered address takes as long as a new one.
  const passwordHash = await hashPassword(input.password);
  const existing = await db().user.findUnique({ where: { email: input.email } });
  if (existing) {
    await mailExistingAccount(existing);
    return { ok: true };
  }
  if (await db().user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    return usernameTaken();
  }
  try {
    await db().$transaction(async (tx) => {
      const user = await insertUser(tx, { email: input.email, username: input.username, passwordHash });
      await sendConfirmation(tx, user);
      await recordAudit(tx, { action: "account.created", actorId: user.id, targetUserId: user.id, ip: input.ip });
    });
  } catch (error) {
    if (isUniqueViolation(error, "username")) return usernameTaken();
    if (!isUniqueViolation(error, "email")) throw error;
    // The same address signed up twice at once: the first one won.
  }
  notifyOutbox();
  return { ok: true };
}

function usernameTaken(): SignUpResult {
  return { ok: false, field: "username", message: "This username is taken. Try another." };
}

async function mailExistingAccount(user: { id: string; email: string; username: string; emailConfirmedAt: Date | null }) {
  await db().$transaction(async (tx) => {
    if (user.emailConfirmedAt) {
      await enqueueEmail(tx, user.email, accountExistsEmail({ username: user.username }));
    } else {
      await sendConfirmation(tx, user);
    }
  });
  notifyOutbox();
}

export async function sendConfirmation(
  tx: Parameters<typeof issueUserToken>[0],
  user: { id: string; email: string; username: string },
): Promise<void> {
  const token = await issueUserToken(tx, {
    userId: user.id,
    purpose: "EMAIL_CONFIRMATION",
    lifetimeSeconds: CONFIRMATION_LIFETIME_HOURS * 3600,
  });
  await enqueueEmail(tx, user.email, confirmationEmail({ username: user.username, token, lifetimeHours: CONFIRMATION_LIFETIME_HOURS }));
}
