import "server-only";
import { replaceBackupCodes } from "@/lib/backup-codes/codes";
import { deliveryContext } from "@/lib/backup-codes/delivery";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/encryption";
import { backupCodesDeliveryEmail } from "@/lib/backup-codes/emails";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { securityEvent } from "@/lib/mail/security-event";
import { revokeOtherSessions } from "@/lib/sessions/revoke";
import { disableTwoFactor } from "@/lib/two-factor/disable";
import { issueUserToken } from "@/lib/tokens/user-tokens";
import { AdminActionError, loadManagedUser } from "./actor";
import type { RequestContext } from "@/lib/request/context";

export const DELIVERY_LIFETIME_HOURS = 24;

/**
 * For a user who lost their codes but not their account: a new set, which the staff member never
 * sees. The old set stops working at once; the new one waits, encrypted, behind a single-use link
 * mailed to the user, which only works while signed in as that user. Their authenticator app keeps
 * working meanwhile.
 */
export async function regenerateBackupCodesForUser(userId: string, by: RequestContext): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    if (!user.emailConfirmedAt) throw new AdminActionError("This account is not active yet: its email address is not confirmed.");
    if (!user.twoFactorEnabledAt) throw new AdminActionError("This account has no two-factor authentication, so it has no backup codes.");
    const codes = await replaceBackupCodes(tx, userId);
    const token = await issueUserToken(tx, {
      userId,
      purpose: "BACKUP_CODES_DELIVERY",
      lifetimeSeconds: DELIVERY_LIFETIME_HOURS * 3600,
      payload: encryptSecret(JSON.stringify(codes), deliveryContext(userId)),
    });
    await recordAudit(tx, {
      action: "backup_codes.regenerated",
      actorId: by.actorId,
      targetUserId: userId,
      ip: by.ip,
      details: "sent to the user by email link",
    });
    await enqueueEmail(
      tx,
      user.email,
      backupCodesDeliveryEmail({
        username: user.username,
        token,
        lifetimeHours: DELIVERY_LIFETIME_HOURS,
        event: securityEvent(userId, by),
      }),
    );
  });
  notifyOutbox();
}

/** Turns 2FA off for a user (authenticator app, security keys, backup codes) and ends every session of theirs. */
export async function disableTwoFactorForUser(userId: string, by: RequestContext): Promise<void> {
  await db().$transaction((tx) => loadManagedUser(tx, userId, by));
  if ((await disableTwoFactor(userId, by)) !== "disabled") {
    throw new AdminActionError("Two-factor authentication is already off for this account.");
  }
  await revokeOtherSessions(userId, null, by);
}
