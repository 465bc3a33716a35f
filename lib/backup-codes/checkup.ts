import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";

/** What the user row records when the user shows they hold their codes; the "too long ago" check-up starts again. */
export function confirmedNow(now = new Date()) {
  return { backupCodesConfirmedAt: now, checkupStaleEmailedAt: null };
}

/**
 * After a successful check of a backup code (verifySecondFactor, place "backup-code-check"), in its
 * transaction: the code stays unused; the set counts as confirmed now, and the check is audited.
 */
export async function recordBackupCodeCheck(tx: Db, userId: string, client: RequestContext): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { ...confirmedNow(), backupCodesUnsavedSince: null } });
  await recordAudit(tx, { action: "backup_codes.checked", actorId: userId, targetUserId: userId, ip: client.ip ?? null });
}
