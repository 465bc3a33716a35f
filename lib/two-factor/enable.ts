import "server-only";
import { recordAudit } from "@/lib/audit";
import { replaceBackupCodes } from "@/lib/backup-codes/codes";
import type { Db, User } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import { twoFactorEnabledEmail } from "./emails";
import type { RequestContext } from "@/lib/request/context";

/**
 * Called, in the caller's transaction, whenever a second factor (an authenticator app or a security
 * key) is added. With the account's first one, two-factor authentication turns on: the first set of
 * backup codes is made, audited and mailed together. Returns those codes to show once, or null when
 * 2FA was already on (the caller then reports the added method itself).
 */
export async function turnOnTwoFactorWith(
  tx: Db,
  user: Pick<User, "id" | "email" | "username">,
  method: "authenticator app" | "security key",
  client: RequestContext,
): Promise<string[] | null> {
  const turnedOn = await tx.user.updateMany({
    where: { id: user.id, twoFactorEnabledAt: null },
    data: { twoFactorEnabledAt: new Date(), secondFactorFailures: 0 },
  });
  if (turnedOn.count !== 1) return null;
  await recordAudit(tx, { action: "two_factor.enabled", actorId: user.id, targetUserId: user.id, ip: client.ip ?? null, details: method });
  await enqueueEmail(tx, user.email, twoFactorEnabledEmail({ username: user.username, method, event: accountEvent(client) }));
  return replaceBackupCodes(tx, user.id);
}
