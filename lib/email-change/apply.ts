import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Db, User } from "@/lib/db/client";
import { emailChangedEmail } from "./emails";
import { enqueueEmail } from "@/lib/mail/outbox";
import { securityEvent } from "@/lib/mail/security-event";
import { purgeLapsedSignUps } from "@/lib/accounts/unconfirmed";
import type { RequestContext } from "@/lib/request/context";

/**
 * What every change of address does, in the caller's transaction, whoever makes it (the user by
 * confirmation link, an administrator, the operator), so that the paths cannot drift apart. The
 * caller has validated `newEmail`; a sign-up that lapsed unconfirmed with it gives it up, and an
 * address otherwise taken fails here on the unique index.
 *
 * The address is how one signs in, not a credential: the security stamp, the sessions and pending
 * sign-ins stay as they are (each of those already proved the password). What must not outlive the
 * change is every link mailed to the old address, or to an address asked for earlier.
 */
export async function applyEmailChange(
  tx: Db,
  user: Pick<User, "id" | "email" | "username">,
  newEmail: string,
  by: RequestContext,
): Promise<void> {
  const at = new Date();
  await purgeLapsedSignUps(tx, { email: newEmail });
  await tx.user.update({ where: { id: user.id }, data: { email: newEmail } });
  await tx.userToken.updateMany({
    where: { userId: user.id, purpose: { in: ["PASSWORD_RESET", "EMAIL_CONFIRMATION", "EMAIL_CHANGE"] }, usedAt: null },
    data: { usedAt: at },
  });
  await recordAudit(tx, { action: "account.email_changed", actorId: by.actorId, targetUserId: user.id, ip: by.ip });
  await enqueueEmail(tx, user.email, emailChangedEmail({ username: user.username, newEmail, event: securityEvent(user.id, by, at) }));
}
