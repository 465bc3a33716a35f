import "server-only";
import { lapsedSignUp } from "@/lib/accounts/unconfirmed";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/encryption";
import { emailChangeAddressTakenEmail, emailChangeConfirmationEmail } from "./emails";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import { consumeRateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request/context";
import { issueUserToken } from "@/lib/tokens/user-tokens";

export const EMAIL_CHANGE_LIFETIME_HOURS = 24;

/** Associated data for the encrypted address, so that a link's payload decrypts only for its own user. */
export const emailChangeContext = (userId: string) => `email-change:${userId}`;

export type EmailChangeRequest = { status: "sent" } | { status: "same-address" } | { status: "rate-limited"; retryAfterSeconds: number };

/**
 * Mails a single-use link (24 hours) to the new address; the address changes only when the owner
 * opens it (confirmEmailChange). `newEmail` is validated and lower-cased by the caller.
 *
 * An address that already has an account gets the answer a free one gets ("sent"), as sign-up does:
 * otherwise any signed-in user could test which addresses are registered, one request each.
 * That address's owner is told instead, and any link the requester had pending is voided on both
 * paths, so that whether an earlier link still works says nothing either.
 */
export async function requestEmailChange(userId: string, newEmail: string, client: RequestContext): Promise<EmailChangeRequest> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.email === newEmail) return { status: "same-address" };
  const limited = await consumeRateLimits([
    { key: `email-change:account:${userId}`, limit: 5, windowSeconds: 3600 },
    // Nobody gets a mailbox flooded with links by asking for it from several accounts.
    { key: `email-change:address:${newEmail}`, limit: 3, windowSeconds: 3600 },
  ]);
  if (!limited.allowed) return { status: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };

  const owner = await db().user.findFirst({ where: { email: newEmail, NOT: lapsedSignUp(new Date()) }, select: { username: true } });
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { action: "account.email_change_requested", actorId: userId, targetUserId: userId, ip: client.ip });
    if (owner) {
      await tx.userToken.updateMany({ where: { userId, purpose: "EMAIL_CHANGE", usedAt: null }, data: { usedAt: new Date() } });
      await enqueueEmail(tx, newEmail, emailChangeAddressTakenEmail({ username: owner.username }));
      return;
    }
    const token = await issueUserToken(tx, {
      userId,
      purpose: "EMAIL_CHANGE",
      lifetimeSeconds: EMAIL_CHANGE_LIFETIME_HOURS * 3600,
      payload: encryptSecret(newEmail, emailChangeContext(userId)),
    });
    await enqueueEmail(
      tx,
      newEmail,
      emailChangeConfirmationEmail({
        username: user.username,
        token,
        lifetimeHours: EMAIL_CHANGE_LIFETIME_HOURS,
        event: accountEvent(client),
      }),
    );
  });
  notifyOutbox();
  return { status: "sent" };
}
