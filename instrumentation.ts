/**
 * Runs once when a server process starts: every process delivers the shared outbox, sends due
 * backup-code check-up emails, and applies the two-factor requirement to accounts that do not sign in
 * (deadlines, reminders).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOutboxWorker } = await import("@/lib/mail/worker");
  startOutboxWorker();
  const { startCheckupSweeper } = await import("@/lib/backup-codes/checkup");
  startCheckupSweeper();
  const { startTwoFactorRequirementSweep } = await import("@/lib/two-factor-policy/sweep");
  startTwoFactorRequirementSweep();
}
