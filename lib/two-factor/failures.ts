import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { failedSecondFactorEmail } from "@/lib/mail/security-alerts";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { ClientInfo } from "@/lib/sessions/sessions";
import { consumeRateLimits, type RateLimitResult } from "@/lib/rate-limit";

/** After this many wrong second factors in a row, the pending sign-in is void (NIST SP 800-63B 5.2.2). */
export const MAX_CONSECUTIVE_FAILURES = 5;
/** At most this many second-factor attempts per account per hour, whatever the method or address. */
export const MAX_ATTEMPTS_PER_HOUR = 100;

/**
 * Reserves one second-factor attempt for the account before anything is checked, so that parallel
 * guesses cannot slip past either limit: the hourly cap, and the run of consecutive failures (a slot
 * is taken by incrementing the counter only while it is below the limit). A success gives the slot
 * back (`clearSecondFactorFailures`); a failure keeps it.
 */
export async function reserveSecondFactorAttempt(userId: string): Promise<"reserved" | "too-many-failures" | Extract<RateLimitResult, { allowed: false }>> {
  const hourly = await consumeRateLimits([{ key: `second-factor:account:${userId}`, limit: MAX_ATTEMPTS_PER_HOUR, windowSeconds: 3600 }]);
  if (!hourly.allowed) return hourly;
  const reserved = await db().user.updateMany({
    where: { id: userId, secondFactorFailures: { lt: MAX_CONSECUTIVE_FAILURES } },
    data: { secondFactorFailures: { increment: 1 } },
  });
  return reserved.count === 1 ? "reserved" : "too-many-failures";
}

/** Records a failed second factor, and tells the user by email, at most once an hour. */
export async function recordSecondFactorFailure(userId: string, method: string, client: ClientInfo): Promise<{ voided: boolean }> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  const mail = await consumeRateLimits([{ key: `second-factor-failure-email:${userId}`, limit: 1, windowSeconds: 3600 }]);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { action: "second_factor.failed", actorId: userId, targetUserId: userId, ip: client.ip, details: method });
    if (mail.allowed) {
      await enqueueEmail(tx, user.email, failedSecondFactorEmail({ username: user.username, method, event: accountEvent(client) }));
    }
  });
  if (mail.allowed) notifyOutbox();
  return { voided: user.secondFactorFailures >= MAX_CONSECUTIVE_FAILURES };
}

export async function clearSecondFactorFailures(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { secondFactorFailures: 0 } });
}
