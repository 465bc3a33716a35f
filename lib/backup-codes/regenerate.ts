import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { securityEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { backupCodesRegeneratedEmail } from "./emails";
import { replaceBackupCodes } from "./codes";

/**
 * A new set of ten codes for a user with two-factor authentication: the old set stops working in the
 * same transaction that writes the new one, with its audit row and email. Returns the codes to show
 * once, or null when the user has no second factor.
 */
export async function regenerateBackupCodes(userId: string, by: RequestContext): Promise<string[] | null> {
  const codes = await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (!user.twoFactorEnabledAt) return null;
    const newCodes = await replaceBackupCodes(tx, userId);
    await recordAudit(tx, { action: "backup_codes.regenerated", actorId: by.actorId, targetUserId: userId, ip: by.ip ?? null });
    await enqueueEmail(tx, user.email, backupCodesRegeneratedEmail({ username: user.username, event: securityEvent(userId, by) }));
    return newCodes;
  });
  if (codes) notifyOutbox();
  return codes;
}
