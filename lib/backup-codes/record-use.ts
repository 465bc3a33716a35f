import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { ClientInfo } from "@/lib/sessions/sessions";
import { backupCodeUsedEmail } from "@/lib/mail/templates";
import { remainingBackupCodes } from "./codes";

/** After a sign-in with a backup code: the audit row and the email, which says how many are left. */
export async function recordBackupCodeUse(user: User, client: ClientInfo): Promise<number> {
  const remaining = await remainingBackupCodes(user.id);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { action: "backup_code.used", actorId: user.id, targetUserId: user.id, ip: client.ip, details: `${remaining} left` });
    await enqueueEmail(tx, user.email, backupCodeUsedEmail({ username: user.username, remaining, event: accountEvent(client) }));
  });
  notifyOutbox();
  return remaining;
}
