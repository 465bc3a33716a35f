import "server-only";
import { db } from "@/lib/db/client";
import { applyTwoFactorRequirement, type RequirementOptions } from "./apply";
import { REMINDERS, requiredAccountsWhere } from "./requirement";
import { now as clockNow } from "@/lib/clock";
import { config } from "@/lib/config";

const DAY = 24 * 3600 * 1000;
const BATCH = 200;

/**
 * For accounts that do not sign in: every process looks, now and then, for required accounts without a
 * deadline, reminders whose day has come, and deadlines of accounts no longer required, and applies
 * the requirement to each (lib/two-factor-policy/apply.ts). The conditional updates there make
 * several processes sweeping at once send each email once. Returns how many accounts were looked at.
 */
export async function sweepTwoFactorRequirements(options: RequirementOptions = {}): Promise<number> {
  const settings = options.settings ?? config().twoFactorRequirement;
  const now = options.now ?? clockNow();
  const required = requiredAccountsWhere(settings);
  const firstReminder = new Date(now.getTime() + Math.max(...REMINDERS.map((reminder) => reminder.daysBefore)) * DAY);
  const accounts = await db().user.findMany({
    where: {
      OR: [
        { AND: [required, { twoFactorEnabledAt: null, twoFactorDeadline: null }] },
        {
          AND: [
            required,
            {
              twoFactorEnabledAt: null,
              twoFactorDeadline: { gt: now, lte: firstReminder },
              twoFactorRemindersSent: { lt: REMINDERS.length },
            },
          ],
        },
        { AND: [{ NOT: required }, { twoFactorDeadline: { not: null } }] },
      ],
    },
    orderBy: { id: "asc" },
    take: BATCH,
  });
  for (const account of accounts) await applyTwoFactorRequirement(account, { settings, now });
  return accounts.length;
}

const SWEEP_MILLISECONDS = 10 * 60 * 1000;

/** Runs in every app process, beside the mail worker: once at start, then every ten minutes. */
export function startTwoFactorRequirementSweep(): () => void {
  const run = () =>
    void sweepTwoFactorRequirements().catch((error) => console.error("two-factor requirement: sweep failed:", (error as Error).message));
  const timer = setInterval(run, SWEEP_MILLISECONDS);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
