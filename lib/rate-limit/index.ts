import "server-only";
import { db } from "@/lib/db/client";

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

async function increment(rule: RateLimitRule): Promise<{ count: number; resetAt: Date }> {
  const now = new Date();
  const bumped = await db().rateLimit.updateMany({
    where: { key: rule.key, resetAt: { gt: now } },
    data: { count: { increment: 1 } },
  });
  if (bumped.count === 0) {
    const resetAt = new Date(now.getTime() + rule.windowSeconds * 1000);
    try {
      await db().rateLimit.upsert({
        where: { key: rule.key },
        create: { key: rule.key, count: 1, resetAt },
        update: { count: 1, resetAt },
      });
    } catch (error) {
      // Another process created the row at the same moment: count against it instead.
      if ((error as { code?: string }).code !== "P2002") throw error;
      return increment(rule);
    }
  }
  const row = await db().rateLimit.findUniqueOrThrow({ where: { key: rule.key } });
  return { count: row.count, resetAt: row.resetAt };
}

export function formatRetryAfter(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
