import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Db, type User } from "@/lib/db/client";
import { failedSecondFactorEmail } from "./emails";
import { issueLockdownLink } from "@/lib/mail/not-me-link";
import { enqueueEmail } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { consumeRateLimits, type RateLimitResult } from "@/lib/rate-limit";

/** After this many wrong second factors in a row, the pending sign-in is void (NIST SP 800-63B 5.2.2). */
export const MAX_CONSECUTIVE_FAILURES = 5;
/** At most this many second-factor attempts per account per hour, whatever the method, place or address. */
export const MAX_ATTEMPTS_PER_HOUR = 100;

/** Where a second factor is asked for: each counts on the same counter. */
export type SecondFactorPlace = "sign-in" | "sudo" | "admin-action" | "disable-two-factor" | "backup-code-check";

/** How the security log and the email name the place (never a secret). */
export const PLACE_NAMES: Record<SecondFactorPlace, string> = {
  "sign-in": "at sign-in",
  sudo: "confirming it's you",
  "admin-action": "administrator action",
  "disable-two-factor": "turning off two-factor authentication",
  "backup-code-check": "checking a backup code",
};

/**
 * Reserves one second-factor attempt for the account before anything is checked, so that parallel
 * guesses cannot slip past either limit: the hourly cap, and the run of consecutive failures (a slot
 * is taken by incrementing the counter only while it is below the limit). A success gives the slot
 * back (the counter is cleared); a failure keeps it. Reserved: the account as the reservation left it,
 * its failures in a row counting this attempt.
 */
export async function reserveSecondFactorAttempt(
  userId: string,
): Promise<{ reserved: User } | "too-many-failures" | Extract<RateLimitResult, { allowed: false }>> {
  const hourly = await consumeRateLimits([{ key: `second-factor:account:${userId}`, limit: MAX_ATTEMPTS_PER_HOUR, windowSeconds: 3600 }]);
  if (!hourly.allowed) return hourly;
  try {
    const reserved = await db().user.update({
      where: { id: userId, secondFactorFailures: { lt: MAX_CONSECUTIVE_FAILURES } },
      data: { secondFactorFailures: { increment: 1 } },
    });
    return { reserved };
  } catch (error) {
    // No row matched: the run of failures is at the limit (or the account is gone).
    if ((error as { code?: string }).code === "P2025") return "too-many-failures";
    throw error;
  }
}

/**
 * Records a failed second factor in the caller's transaction (the one that found the answer wrong),
 * and tells the user by email, at most once an hour whatever the place. True when it queued an email.
 */
export async function recordSecondFactorFailure(
  tx: Db,
  user: Pick<User, "id" | "email" | "username">,
  attempt: { method: string; place: SecondFactorPlace },
  client: RequestContext,
): Promise<boolean> {
  await recordAudit(tx, {
    action: "second_factor.failed",
    actorId: user.id,
    targetUserId: user.id,
    ip: client.ip,
    details: `${attempt.method}, ${PLACE_NAMES[attempt.place]}`,
  });
  const mail = await consumeRateLimits([{ key: `second-factor-failure-email:${user.id}`, limit: 1, windowSeconds: 3600 }], tx);
  if (!mail.allowed) return false;
  const notMe = await issueLockdownLink(tx, user.id);
  await enqueueEmail(tx, user.email, failedSecondFactorEmail({ username: user.username, ...attempt, event: accountEvent(client), notMe }));
  return true;
}
