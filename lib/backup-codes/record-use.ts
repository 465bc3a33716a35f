import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Db, User } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { backupCodeUsedEmail } from "./emails";
import { remainingBackupCodes } from "./codes";

/**
 * After a sign-in with a backup code, in the transaction that used the code up: the audit row and
 * the email, which says how many are left. The caller wakes the outbox once it commits.
 */
export async function recordBackupCodeUse(tx: Db, user: User, client: RequestContext): Promise<number> {
  const remaining = await remainingBackupCodes(user.id, tx);
  await recordAudit(tx, { action: "backup_code.used", actorId: user.id, targetUserId: user.id, ip: client.ip, details: `${remaining} left` });
  await enqueueEmail(tx, user.email, backupCodeUsedEmail({ username: user.username, remaining, event: accountEvent(client) }));
  return remaining;
}
