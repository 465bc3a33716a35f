import type { TwoFactorPolicy } from "@/lib/config/parse";
import type { Prisma, Role } from "@/lib/db/client";

/** REQUIRE_TWO_FACTOR and REQUIRE_TWO_FACTOR_GRACE_DAYS, as lib/config reads them. */
export type RequirementSettings = { policy: TwoFactorPolicy; graceDays: number };

/** What of an account the requirement reads. */
export type RequirementAccount = {
  role: Role;
  emailConfirmedAt: Date | null;
  twoFactorEnabledAt: Date | null;
  twoFactorRequiredByAdmin: boolean;
  twoFactorDeadline: Date | null;
  twoFactorRemindersSent: number;
};

/**
 * Where an account stands. "pending" has no deadline only until one is stored (lib/two-factor-policy
 * stores it the first time it sees the account required); "overdue" sessions reach nothing but the
 * two-factor setup and sign-out.
 */
export type TwoFactorRequirement =
  | { status: "not-required" }
  | { status: "satisfied" }
  | { status: "pending"; deadline: Date | null }
  | { status: "overdue"; deadline: Date };

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** The reminders before a deadline, in order: the stage stored once each is sent. */
export const REMINDERS = [
  { stage: 1, daysBefore: 3 },
  { stage: 2, daysBefore: 1 },
] as const;

/**
 * Staff are admins and the owner. An administrator's "require 2FA for this account" adds to any policy.
 * Unconfirmed accounts cannot sign in, so their requirement starts when they are confirmed.
 */
export function isTwoFactorRequired(
  account: Pick<RequirementAccount, "role" | "emailConfirmedAt" | "twoFactorRequiredByAdmin">,
  settings: RequirementSettings,
): boolean {
  if (!account.emailConfirmedAt) return false;
  if (account.twoFactorRequiredByAdmin) return true;
  if (settings.policy === "everyone") return true;
  return settings.policy === "staff" && account.role !== "USER";
}

/** The same rule as a database filter (lib/two-factor-policy/requirement.test.ts checks they agree). */
export function requiredAccountsWhere(settings: RequirementSettings): Prisma.UserWhereInput {
  const confirmed: Prisma.UserWhereInput = { emailConfirmedAt: { not: null } };
  if (settings.policy === "everyone") return confirmed;
  const byRole: Prisma.UserWhereInput[] = settings.policy === "staff" ? [{ role: { in: ["ADMIN", "OWNER"] } }] : [];
  return { ...confirmed, OR: [{ twoFactorRequiredByAdmin: true }, ...byRole] };
}

export function requirementState(account: RequirementAccount, settings: RequirementSettings, now: Date): TwoFactorRequirement {
  if (!isTwoFactorRequired(account, settings)) return { status: "not-required" };
  if (account.twoFactorEnabledAt) return { status: "satisfied" };
  const deadline = account.twoFactorDeadline;
  if (deadline && deadline.getTime() <= now.getTime()) return { status: "overdue", deadline };
  return { status: "pending", deadline };
}

/** A deadline starting now. With 0 days it is now: the next page the account opens leads to setup. */
export function deadlineFrom(now: Date, graceDays: number): Date {
  return new Date(now.getTime() + graceDays * DAY);
}

/**
 * The last reminder stage whose time has come (0 if none): stored as already sent when a deadline is
 * set, since the email announcing it says as much (a grace of 2 days gets no "3 days left" after it).
 */
export function reminderStageReached(deadline: Date, now: Date): number {
  return REMINDERS.filter((reminder) => deadline.getTime() - reminder.daysBefore * DAY <= now.getTime()).reduce(
    (stage, reminder) => Math.max(stage, reminder.stage),
    0,
  );
}

/** The reminder to send now, if any: only before the deadline, and each stage once. */
export function dueReminder(account: RequirementAccount, now: Date): (typeof REMINDERS)[number] | null {
  const deadline = account.twoFactorDeadline;
  if (!deadline || deadline.getTime() <= now.getTime()) return null;
  const stage = reminderStageReached(deadline, now);
  if (stage <= account.twoFactorRemindersSent) return null;
  return REMINDERS.find((reminder) => reminder.stage === stage) ?? null;
}

/** "6 days and 23 hours", "5 hours", "less than an hour": the banner's countdown. */
export function formatTimeLeft(deadline: Date, now: Date): string {
  const hours = Math.floor((deadline.getTime() - now.getTime()) / HOUR);
  if (hours < 1) return "less than an hour";
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;
  if (days === 0) return plural(rest, "hour");
  return rest === 0 ? plural(days, "day") : `${plural(days, "day")} and ${plural(rest, "hour")}`;
}
