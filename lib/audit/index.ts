import "server-only";
import type { Db } from "@/lib/db/client";

export type AuditAction =
  | "account.created"
  | "account.email_confirmed"
  | "account.email_changed"
  | "account.email_change_requested"
  | "account.role_changed"
  | "session.signed_in"
  | "session.signed_out"
  | "session.revoked"
  | "sudo.entered"
  | "second_factor.failed"
  | "two_factor.enabled"
  | "two_factor.disabled"
  | "backup_codes.regenerated"
  // No longer written: a sign-in with a backup code is its "session.signed_in" row. Older rows remain.
  | "backup_code.used"
  | "password.reset_requested"
  | "password.reset"
  | "password.changed"
  | "authenticator.added"
  | "security_key.added"
  | "security_key.renamed"
  | "security_key.removed"
  | "passkey.added"
  | "passkey.renamed"
  | "passkey.removed"
  | "email_codes.enabled"
  | "email_codes.disabled"
  | "email_code.sent"
  | "backup_codes.checked"
  | "account.locked_down"
  | "recovery.requested"
  | "recovery.cancelled"
  | "recovery.approved"
  | "recovery.denied"
  | "recovery.completed"
  | "two_factor.deadline_set"
  | "two_factor.required_for_account"
  | "two_factor.no_longer_required_for_account";

/**
 * Records a security event, in the caller's transaction so that the event and the change it describes
 * commit together. `details` must never hold a secret (password, code, token, key).
 */
export async function recordAudit(
  tx: Db,
  event: { action: AuditAction; actorId?: string | null; targetUserId?: string | null; ip?: string | null; details?: string },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      action: event.action,
      actorId: event.actorId ?? null,
      targetUserId: event.targetUserId ?? null,
      ip: event.ip ?? null,
      details: event.details ?? null,
    },
  });
}
