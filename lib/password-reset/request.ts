import "server-only";
import { recordAudit } from "@/lib/audit";
import { BY_ANYONE } from "@/lib/audit/describe";
import { db, type Db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { securityEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { passwordResetEmail } from "./emails";
import { issueUserToken } from "@/lib/tokens/user-tokens";

export const RESET_LIFETIME_HOURS = 1;

/**
 * Who asked for a link: someone who typed the account's address (anyone may, so no actor is
 * recorded), or staff sending one from Administration or the command line (lib/admin), who are
 * named in the audit row and the email.
 */
export type ResetRequester = { ip: string | null } | { staff: RequestContext };

/**
 * Mails a reset link when an account uses the address, and does nothing visible otherwise: the
 * caller shows the same answer either way. Both paths look the address up and write in one
 * transaction (the token and email, or only the audit row), so that they take about as long; no
 * bcrypt on either. The caller applies the rate limits.
 */
export async function requestPasswordReset(email: string, ip?: string | null): Promise<void> {
  const address = email.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email: address } });
  await db().$transaction(async (tx) => {
    if (!user) {
      // The same kind of work as issuePasswordReset, for an account that does not exist.
      await tx.userToken.updateMany({ where: { userId: "", purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
      await recordAudit(tx, { action: "password.reset_requested", ip, details: "no account uses this address" });
      return;
    }
    await issuePasswordReset(tx, user, { ip: ip ?? null });
  });
  if (user) notifyOutbox();
}

/** A new link (voiding the earlier ones), its queued email and the audit row, in the caller's transaction. */
export async function issuePasswordReset(tx: Db, user: Pick<User, "id" | "email" | "username">, requester: ResetRequester): Promise<void> {
  const [staff, ip] = "staff" in requester ? [requester.staff, requester.staff.ip ?? null] : [null, requester.ip];
  const token = await issueUserToken(tx, { userId: user.id, purpose: "PASSWORD_RESET", lifetimeSeconds: RESET_LIFETIME_HOURS * 3600 });
  const sentBy = staff ? securityEvent(user.id, staff) : undefined;
  await enqueueEmail(tx, user.email, passwordResetEmail({ username: user.username, token, lifetimeHours: RESET_LIFETIME_HOURS, sentBy }));
  await recordAudit(tx, {
    action: "password.reset_requested",
    actorId: staff?.actorId ?? null,
    targetUserId: user.id,
    ip,
    details: staff ? undefined : BY_ANYONE,
  });
}
