import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { passwordResetEmail } from "@/lib/mail/templates";
import { issueUserToken } from "@/lib/tokens/user-tokens";

export const RESET_LIFETIME_HOURS = 1;

/**
 * Mails a reset link when an account uses the address, and does nothing visible otherwise: the
 * caller shows the same answer either way. Both paths look the address up and write in one
 * transaction (the token and email, or only the audit row), so that they take about as long; no
 * bcrypt on either. A new link voids the earlier ones. The caller applies the rate limits.
 */
export async function requestPasswordReset(email: string, ip?: string | null): Promise<void> {
  const address = email.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email: address } });
  await db().$transaction(async (tx) => {
    if (!user) {
      // The same kind of work as below, for an account that does not exist.
      await tx.userToken.updateMany({ where: { userId: "", purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
      await recordAudit(tx, { action: "password.reset_requested", ip, details: "no account uses this address" });
      return;
    }
    const token = await issueUserToken(tx, { userId: user.id, purpose: "PASSWORD_RESET", lifetimeSeconds: RESET_LIFETIME_HOURS * 3600 });
    await enqueueEmail(tx, user.email, passwordResetEmail({ username: user.username, token, lifetimeHours: RESET_LIFETIME_HOURS }));
    await recordAudit(tx, { action: "password.reset_requested", actorId: null, targetUserId: user.id, ip });
  });
  if (user) notifyOutbox();
}
