import "server-only";
import { db, type Db } from "@/lib/db/client";
import { eraseSecurely } from "@/lib/db/secure-erase";
import { onOutboxNotified } from "./outbox";
import { createDeliver, type Deliver } from "./transport";

/**
 * How long a claim keeps other workers off a row. It is far longer than a delivery can take (the SMTP
 * transport gives up after 30 s of silence, see transport.ts), so a live worker never loses its claim
 * mid-delivery; it only frees rows whose worker died.
 */
const CLAIM_SECONDS = 10 * 60;
const MAX_BACKOFF_SECONDS = 60 * 60;

/** 10 s, 20 s, 40 s … capped at an hour. Mail is retried for as long as it takes: never dropped. */
export function backoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** attempts, MAX_BACKOFF_SECONDS);
}

/**
 * Delivers due outbox rows. Each row is claimed with a conditional update before it is sent: the
 * database applies one update to a row at a time and re-checks the condition (PostgreSQL re-reads the
 * row after waiting for the other writer's lock), so of several workers in any number of processes
 * exactly one gets each row, as with FOR UPDATE SKIP LOCKED. A worker that got none moves on.
 */
export async function deliverDueEmails(deliver: Deliver, batchSize = 20): Promise<{ sent: number; failed: number }> {
  const due = await db().outboxEmail.findMany({
    where: claimable(new Date()),
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
  });
  let sent = 0;
  let failed = 0;
  for (const candidate of due) {
    const email = await claim(candidate.id);
    if (!email) continue;
    try {
      await deliver({ to: email.to, subject: email.subject, text: email.text, html: email.html });
      // The body may hold a link with a live token: it does not outlive its delivery, not even on disk.
      await eraseSecurely((tx) => finish(email, { sentAt: new Date(), text: "", html: "", lastError: null }, tx));
      sent++;
    } catch (error) {
      await finish(email, {
        nextAttemptAt: new Date(Date.now() + backoffSeconds(email.attempts + 1) * 1000),
        lastError: String((error as Error).message ?? error).slice(0, 500),
      });
      failed++;
    }
  }
  return { sent, failed };
}

/** Unsent, due, and not claimed by a live worker, as of `now`. */
function claimable(now: Date) {
  return { sentAt: null, nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
}

/**
 * Claims one row if it is still claimable now (the list above may be stale: another worker may have
 * sent it, or failed it and set a later retry, since). Returns the row as claimed, or null.
 */
async function claim(id: string) {
  const now = new Date();
  const lockedUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const claimed = await db().outboxEmail.updateMany({ where: { id, ...claimable(now) }, data: { lockedUntil } });
  if (claimed.count === 0) return null;
  return db().outboxEmail.findUnique({ where: { id } });
}

/** Records the outcome, only while this worker's claim is the row's claim. */
async function finish(email: { id: string; lockedUntil: Date | null }, data: Record<string, unknown>, client: Db = db()): Promise<void> {
  const updated = await client.outboxEmail.updateMany({
    where: { id: email.id, sentAt: null, lockedUntil: email.lockedUntil },
    data: { ...data, attempts: { increment: 1 }, lockedUntil: null },
  });
  if (updated.count === 0) console.error(`outbox: the claim on ${email.id} ran out during its delivery; another worker took it over`);
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
