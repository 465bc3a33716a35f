import "server-only";
import { db, type Prisma } from "@/lib/db/client";
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
  // Only accounts with something to do, so that a batch is never filled with ones to skip.
  const reminderDue = REMINDERS.map((reminder) => ({
    twoFactorRemindersSent: { lt: reminder.stage },
    twoFactorDeadline: { gt: now, lte: new Date(now.getTime() + reminder.daysBefore * DAY) },
  }));
  const where: Prisma.UserWhereInput = {
    OR: [
      { AND: [required, { twoFactorEnabledAt: null, twoFactorDeadline: null }] },
      { AND: [required, { twoFactorEnabledAt: null, OR: reminderDue }] },
      { AND: [{ NOT: required }, { twoFactorDeadline: { not: null } }] },
    ],
  };
  let seen = 0;
  let after: string | undefined;
  for (;;) {
    const accounts = await db().user.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const account of accounts) await applyTwoFactorRequirement(account, { settings, now });
    seen += accounts.length;
    if (accounts.length < BATCH) return seen;
    after = accounts.at(-1)?.id;
  }
}

const SWEEP_MILLISECONDS = 10 * 60 * 1000;

/** Runs in every app process, beside the mail worker: once at start, then every ten minutes. */
export function startTwoFactorRequirementSweep(): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await sweepTwoFactorRequirements();
    } catch (error) {
      console.error("two-factor requirement: sweep failed:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), SWEEP_MILLISECONDS);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
