/** Runs once when a server process starts: every process delivers the shared outbox and sends due check-up emails. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOutboxWorker } = await import("@/lib/mail/worker");
  startOutboxWorker();
  const { startCheckupSweeper } = await import("@/lib/backup-codes/checkup");
  startCheckupSweeper();
}
