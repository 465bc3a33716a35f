import "server-only";
import { db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { ClientInfo } from "@/lib/sessions/sessions";
import { backupCodeUsedEmail } from "@/lib/mail/templates";
import { remainingBackupCodes } from "./codes";

/**
 * After a sign-in with a backup code: the email, which says how many are left. No audit row of its
 * own: the sign-in's row ("Signed in (password and backup code)") is the one record of it.
 */
export async function recordBackupCodeUse(user: User, client: ClientInfo): Promise<number> {
  const remaining = await remainingBackupCodes(user.id);
  await enqueueEmail(db(), user.email, backupCodeUsedEmail({ username: user.username, remaining, event: accountEvent(client) }));
  notifyOutbox();
  return remaining;
}
