import "server-only";
import { findPendingSignIn, voidPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import type { User } from "@/lib/db/client";
import { MAX_CONSECUTIVE_FAILURES, clearSecondFactorFailures, recordSecondFactorFailure, reserveSecondFactorAttempt } from "./failures";

export type SecondStepResult =
  | { status: "signed-in"; user: User }
  | { status: "expired" }
  | { status: "wrong-code"; attemptsLeft: number }
  | { status: "too-many-failures" }
  | { status: "rate-limited"; retryAfterSeconds: number };

/**
 * The second step of a sign-in, whatever the method: finds the pending sign-in, reserves an attempt
 * against the account's limits, runs the method's check, and ends the pending sign-in on success
 * (once: of two parallel successes, one wins). The caller then creates the session.
 */
export async function completeSecondStep(options: {
  pendingToken: string;
  method: string;
  ip: string | null;
  userAgent?: string | null;
  check: (pending: PendingSignIn) => Promise<boolean>;
}): Promise<SecondStepResult> {
  const pending = await findPendingSignIn(options.pendingToken);
  if (!pending) return { status: "expired" };

  const reservation = await reserveSecondFactorAttempt(pending.user.id);
  // Refused, but not voided here: the slots may be held by attempts still running, one of which may be
  // the right code. The fifth actual failure voids the pending sign-in below.
  if (reservation === "too-many-failures") return { status: "too-many-failures" };
  if (reservation !== "reserved") return { status: "rate-limited", retryAfterSeconds: reservation.retryAfterSeconds };

  if (!(await options.check(pending))) {
    const { voided } = await recordSecondFactorFailure(pending.user.id, options.method, { ip: options.ip, userAgent: options.userAgent });
    if (voided) {
      await voidPendingSignIn(pending.id);
      return { status: "too-many-failures" };
    }
    const failures = pending.user.secondFactorFailures + 1;
    return { status: "wrong-code", attemptsLeft: Math.max(MAX_CONSECUTIVE_FAILURES - failures, 1) };
  }
  if (!(await voidPendingSignIn(pending.id))) return { status: "expired" };
  await clearSecondFactorFailures(pending.user.id);
  return { status: "signed-in", user: pending.user };
}
