import "server-only";
import { recordAudit } from "@/lib/audit";
import { now as clockNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { db, type Role } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { updateRequirement, type RequirementOptions } from "@/lib/two-factor-policy/apply";
import { requiredAccountsWhere, requirementState } from "@/lib/two-factor-policy/requirement";
import { AdminActionError, loadManagedUser } from "./actor";

/**
 * "Require 2FA for this account", on top of REQUIRE_TWO_FACTOR, or no longer by itself (the policy
 * may still require it). Audited; a requirement that starts here stores the deadline and emails the
 * user in the same transaction. The admin pages and the command line both call this.
 */
export async function setTwoFactorRequiredForAccount(
  userId: string,
  required: boolean,
  by: RequestContext,
  options: RequirementOptions = {},
): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    if (user.twoFactorRequiredByAdmin === required) {
      throw new AdminActionError(
        required
          ? "Two-factor authentication is already required for this account."
          : "This account has no requirement of its own to lift.",
      );
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { twoFactorRequiredByAdmin: required } });
    await recordAudit(tx, {
      action: required ? "two_factor.required_for_account" : "two_factor.no_longer_required_for_account",
      actorId: by.actorId,
      targetUserId: userId,
      ip: by.ip,
    });
    await updateRequirement(tx, updated, options);
  });
  notifyOutbox();
}

export type AccountWithoutTwoFactor = {
  id: string;
  username: string;
  email: string;
  role: Role;
  requiredByAdmin: boolean;
  /** Null until the requirement is first applied (at the account's next request, or the next sweep). */
  deadline: Date | null;
  overdue: boolean;
};

/** Accounts two-factor authentication is required of that have none, soonest deadline first. */
export async function accountsRequiredWithoutTwoFactor(
  options: RequirementOptions & { take?: number } = {},
): Promise<AccountWithoutTwoFactor[]> {
  const settings = options.settings ?? config().twoFactorRequirement;
  const now = options.now ?? clockNow();
  const users = await db().user.findMany({
    where: { AND: [requiredAccountsWhere(settings), { twoFactorEnabledAt: null }] },
    orderBy: [{ twoFactorDeadline: { sort: "asc", nulls: "last" } }, { username: "asc" }],
    take: options.take ?? 500,
  });
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    requiredByAdmin: user.twoFactorRequiredByAdmin,
    deadline: user.twoFactorDeadline,
    overdue: requirementState(user, settings, now).status === "overdue",
  }));
}

/** How many accounts accountsRequiredWithoutTwoFactor would list. */
export function countRequiredWithoutTwoFactor(settings = config().twoFactorRequirement): Promise<number> {
  return db().user.count({ where: { AND: [requiredAccountsWhere(settings), { twoFactorEnabledAt: null }] } });
}

/** The policy in words, for the administration and the command line. */
export function describeTwoFactorPolicy(settings = config().twoFactorRequirement): string {
  const who = { none: "no one by role", staff: "staff (admins and the owner)", everyone: "every account" }[settings.policy];
  const grace =
    settings.graceDays === 0
      ? "no grace period: from the next sign-in"
      : `a grace period of ${settings.graceDays} day${settings.graceDays === 1 ? "" : "s"}`;
  return `Two-factor authentication is required of ${who}, and of accounts an administrator chose, with ${grace}.`;
}
