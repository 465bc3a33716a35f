import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { securityEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { restartGracePeriod, type RequirementOptions } from "@/lib/two-factor-policy/apply";
import { isTwoFactorRequired } from "@/lib/two-factor-policy/requirement";
import { config } from "@/lib/config";
import { twoFactorDisabledEmail } from "./emails";

/** "required": the account must keep two-factor authentication, so its owner cannot turn it off. */
export type DisableResult = "disabled" | "already-off" | "required";

/**
 * Turns two-factor authentication off: clears the authenticator secret, any setup in progress, the
 * security keys, the opt-in to emailed codes and the backup codes,
 * records who did it, and tells the user. The user's own settings and the administration use this
 * same function.
 *
 * Passkeys are a sign-in method of their own: the user turning 2FA off keeps them. An administrator or
 * the operator does this for a user who lost their devices, so it removes the passkeys too.
 *
 * While two-factor authentication is required of the account (lib/two-factor-policy), its owner
 * cannot turn it off (replacing one factor with another stays possible). Staff can, for a user locked
 * out of their factors: the requirement then starts again with a fresh grace period, and the user is
 * told.
 */
export async function disableTwoFactor(userId: string, by: RequestContext, requirement: RequirementOptions = {}): Promise<DisableResult> {
  const result = await db().$transaction(async (tx): Promise<DisableResult> => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (!user.twoFactorEnabledAt) return "already-off";
    const byStaff = by.actorId !== userId;
    if (!byStaff && isTwoFactorRequired(user, requirement.settings ?? config().twoFactorRequirement)) return "required";
    const turnedOff = await turnOffEveryFactor(tx, user, by, {
      removePasskeys: byStaff,
      details: byStaff ? "by an administrator" : undefined,
      requirement,
    });
    return turnedOff ? "disabled" : "already-off";
  });
  if (result === "disabled") notifyOutbox();
  return result;
}

/**
 * The writes of turning two-factor authentication off, in the caller's transaction (a finished
 * recovery request commits them with its own rows): every factor cleared, the audit row, the email
 * (queued: notifyOutbox() after the commit), and the requirement's grace period started again. False
 * when it was already off, so that of two requests at once only one does it.
 */
export async function turnOffEveryFactor(
  tx: Db,
  user: User,
  by: RequestContext,
  options: { removePasskeys: boolean; details?: string; requirement?: RequirementOptions },
): Promise<boolean> {
  const userId = user.id;
  // Conditional, so that of two requests at once only one turns it off (one audit row, one email).
  const cleared = await tx.user.updateMany({
    where: { id: userId, twoFactorEnabledAt: { not: null } },
    data: {
      twoFactorEnabledAt: null,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastUsedStep: null,
      pendingTotpSecret: null,
      pendingTotpCreatedAt: null,
      emailCodesEnabled: false,
      secondFactorFailures: 0,
    },
  });
  if (cleared.count !== 1) return false;
  await tx.securityKey.deleteMany({ where: options.removePasskeys ? { userId } : { userId, passkey: false } });
  await tx.pendingSignIn.deleteMany({ where: { userId } });
  await tx.backupCode.deleteMany({ where: { userId } });
  await recordAudit(tx, {
    action: "two_factor.disabled",
    actorId: by.actorId,
    targetUserId: userId,
    ip: by.ip ?? null,
    details: options.details,
  });
  await enqueueEmail(tx, user.email, twoFactorDisabledEmail({ username: user.username, event: securityEvent(userId, by) }));
  await restartGracePeriod(tx, user, by, options.requirement);
  return true;
}
