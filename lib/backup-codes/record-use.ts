import "server-only";
import type { Db, User } from "@/lib/db/client";
import { issueLockdownLink } from "@/lib/mail/not-me-link";
import { enqueueEmail } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { backupCodeUsedEmail } from "./emails";
import { claimCheckupEmail } from "./checkup";
import { LOW_CODES_WARNING, remainingBackupCodes } from "./codes";

/**
 * After a sign-in with a backup code, in the transaction that used the code up: the email, which says
 * how many are left, and when few are, the check-up email (once for the set). The caller wakes the outbox once it commits. No audit row of its own: the
 * sign-in's row ("Signed in (password and backup code)") is the one record of it.
 */
export async function recordBackupCodeUse(tx: Db, user: User, client: RequestContext): Promise<number> {
  const remaining = await remainingBackupCodes(user.id, tx);
  const notMe = await issueLockdownLink(tx, user.id);
  await enqueueEmail(tx, user.email, backupCodeUsedEmail({ username: user.username, remaining, event: accountEvent(client), notMe }));
  if (remaining <= LOW_CODES_WARNING) await claimCheckupEmail(tx, user.id, "low");
  return remaining;
}
