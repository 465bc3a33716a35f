import "server-only";
import { db, type Db } from "@/lib/db/client";

export type RateLimitRule = { key: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against each rule and says whether all are still within their limit. Counters
 * live in the database, so they hold across processes and restarts (fixed windows). `tx`: count in
 * the caller's transaction, so the count and what it guards commit together.
 */
export async function consumeRateLimits(rules: RateLimitRule[], tx: Db = db()): Promise<RateLimitResult> {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const { count, resetAt } = await increment(tx, rule);
    if (count > rule.limit) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    }
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/**
 * Adds one to the rule's counter and returns the count this attempt made. One statement in the usual
 * case: an upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent attempts each get their
 * own count, a new key's first attempts never collide, and no statement fails (which would end the
 * caller's transaction on PostgreSQL). A window found over is restarted by one attempt only.
 */
async function increment(tx: Db, rule: RateLimitRule): Promise<{ count: number; resetAt: Date }> {
  const now = new Date();
  const resetAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  const counted = await tx.rateLimit.upsert({
    where: { key: rule.key },
    create: { key: rule.key, count: 1, resetAt },
    update: { count: { increment: 1 } },
  });
  if (counted.resetAt > now) return counted;
  const restarted = await tx.rateLimit.updateMany({ where: { key: rule.key, resetAt: { lte: now } }, data: { count: 1, resetAt } });
  if (restarted.count === 1) return { count: 1, resetAt };
  // Another attempt restarted it at the same moment: count in its window.
  return tx.rateLimit.update({ where: { key: rule.key }, data: { count: { increment: 1 } } });
}

export function formatRetryAfter(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
