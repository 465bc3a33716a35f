import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { backupCodeUsedEmail } from "@/lib/mail/templates";
import { remainingBackupCodes } from "./codes";

/** After a sign-in with a backup code: the audit row and the email, which says how many are left. */
export async function recordBackupCodeUse(user: User, ip: string | null): Promise<number> {
  const remaining = await remainingBackupCodes(user.id);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { action: "backup_code.used", actorId: user.id, targetUserId: user.id, ip, details: `${remaining} left` });
    await enqueueEmail(tx, user.email, backupCodeUsedEmail({ username: user.username, remaining }));
  });
  notifyOutbox();
  return remaining;
}
