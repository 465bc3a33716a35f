import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";

export type RateLimitRule = { key: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against each rule and says whether all are still within their limit. Counters
 * live in the database, so they hold across processes and restarts (fixed windows).
 */
export async function consumeRateLimits(rules: RateLimitRule[]): Promise<RateLimitResult> {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const { count, resetAt } = await increment(rule);
    if (count > rule.limit) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    }
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/**
 * Adds one to the rule's counter and returns the count this attempt made. Each step is one statement,
 * so that concurrent attempts each get their own count: the increment returns its row (UPDATE …
 * RETURNING), and only one attempt can start a new window.
 */
async function increment(rule: RateLimitRule): Promise<{ count: number; resetAt: Date }> {
  const now = new Date();
  try {
    return await db().rateLimit.update({ where: { key: rule.key, resetAt: { gt: now } }, data: { count: { increment: 1 } } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2025") throw error;
  }
  // No window in progress: start one, unless another attempt has just done so.
  const resetAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  const restarted = await db().rateLimit.updateMany({ where: { key: rule.key, resetAt: { lte: now } }, data: { count: 1, resetAt } });
  if (restarted.count === 1) return { count: 1, resetAt };
  try {
    return await db().rateLimit.create({ data: { key: rule.key, count: 1, resetAt } });
  } catch (error) {
    // Another attempt created the row at the same moment: count against it instead.
    if (!isUniqueViolation(error)) throw error;
  }
  return increment(rule);
}

export function formatRetryAfter(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
