import "server-only";
import { db } from "@/lib/db/client";
import { onOutboxNotified } from "./outbox";
import { createDeliver, type Deliver } from "./transport";

const CLAIM_SECONDS = 60;
const MAX_BACKOFF_SECONDS = 60 * 60;

/** 10 s, 20 s, 40 s … capped at an hour. Mail is retried for as long as it takes: never dropped. */
export function backoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** attempts, MAX_BACKOFF_SECONDS);
}

/**
 * Delivers due outbox rows. Each row is claimed with a conditional update before it is sent, so that
 * several processes running this at once never send the same email twice.
 */
export async function deliverDueEmails(deliver: Deliver, batchSize = 20): Promise<{ sent: number; failed: number }> {
  const now = new Date();
  const due = await db().outboxEmail.findMany({
    where: { sentAt: null, nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
  });
  let sent = 0;
  let failed = 0;
  for (const email of due) {
    const claimed = await db().outboxEmail.updateMany({
      where: { id: email.id, sentAt: null, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(Date.now() + CLAIM_SECONDS * 1000) },
    });
    if (claimed.count === 0) continue;
    try {
      await deliver({ to: email.to, subject: email.subject, text: email.text, html: email.html });
      // The body may hold a link with a live token: it does not outlive its delivery.
      await db().outboxEmail.update({
        where: { id: email.id },
        data: { sentAt: new Date(), text: "", html: "", lockedUntil: null, attempts: { increment: 1 }, lastError: null },
      });
      sent++;
    } catch (error) {
      await db().outboxEmail.update({
        where: { id: email.id },
        data: {
          attempts: { increment: 1 },
          nextAttemptAt: new Date(Date.now() + backoffSeconds(email.attempts + 1) * 1000),
          lockedUntil: null,
          lastError: String((error as Error).message ?? error).slice(0, 500),
        },
      });
      failed++;
    }
  }
  return { sent, failed };
}

const POLL_MILLISECONDS = 5_000;

/** Runs in every app process: polls the outbox, and wakes at once when mail is queued here. */
export function startOutboxWorker(deliver: Deliver = createDeliver()): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await deliverDueEmails(deliver);
      } while (again);
    } catch (error) {
      console.error("outbox: delivery round failed:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, POLL_MILLISECONDS);
  timer.unref();
  const unsubscribe = onOutboxNotified(() => void run());
  void run();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
