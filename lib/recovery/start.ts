import "server-only";
import { recordAudit } from "@/lib/audit";
import type { PendingSignIn } from "@/lib/auth/pending-sign-in";
import { now as clockNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { db, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import { consumeRateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request/context";
import { closeOpenRequest } from "./close";
import { issueCancelLink, issueFinishLink, LINK_GRACE_DAYS } from "./links";
import { recoveryRequestedEmail } from "./emails";

/** Requests one account may start in a day: each one mails the owner. */
export const STARTS_PER_ACCOUNT_PER_DAY = 3;

export type StartResult =
  | { status: "started"; readyAt: Date }
  | { status: "already-open"; readyAt: Date }
  | { status: "off" }
  | { status: "rate-limited"; retryAfterSeconds: number };

/** Whether users may start a request themselves (SELF_SERVICE_RECOVERY); off leaves recovery to staff. */
export function selfServiceRecoveryOn(): boolean {
  return config().selfServiceRecovery.enabled;
}

/**
 * Starts a recovery request for the account behind a pending sign-in (the password was just given).
 * The wait starts now; the account's address gets the link that finishes the request after it, and
 * a cancel link. One open request per account: the unique `openFor` column decides, so of two starts
 * at once one creates the request and the other finds it.
 */
export async function startRecoveryRequest(pending: PendingSignIn, client: RequestContext, now = clockNow()): Promise<StartResult> {
  if (!selfServiceRecoveryOn()) return { status: "off" };
  const open = await openRequestUnlessLapsed(pending.user.id, now);
  if (open) return { status: "already-open", readyAt: open.readyAt };
  const limited = await consumeRateLimits([
    { key: `recovery-start:account:${pending.user.id}`, limit: STARTS_PER_ACCOUNT_PER_DAY, windowSeconds: 24 * 3600 },
  ]);
  if (!limited.allowed) return { status: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };

  const { waitSeconds } = config().selfServiceRecovery;
  const readyAt = new Date(now.getTime() + waitSeconds * 1000);
  try {
    await db().$transaction(async (tx) => {
      await tx.recoveryRequest.create({
        data: {
          userId: pending.user.id,
          openFor: pending.user.id,
          ip: client.ip ?? null,
          userAgent: client.userAgent?.slice(0, 512) ?? null,
          createdAt: now,
          readyAt,
        },
      });
      await recordAudit(tx, {
        action: "recovery.requested",
        actorId: pending.user.id,
        targetUserId: pending.user.id,
        ip: client.ip ?? null,
        details: `two-factor authentication turns off after ${waitSeconds / 3600} hours`,
      });
      await enqueueEmail(
        tx,
        pending.user.email,
        recoveryRequestedEmail({
          username: pending.user.username,
          event: accountEvent(client, now),
          readyAt,
          finishUrl: await issueFinishLink(tx, pending.user.id),
          cancelUrl: await issueCancelLink(tx, pending.user.id),
        }),
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await openRecoveryRequest(pending.user.id);
    return winner ? { status: "already-open", readyAt: winner.readyAt } : { status: "already-open", readyAt };
  }
  notifyOutbox();
  return { status: "started", readyAt };
}

/** The account's open request (pending or approved), if any. */
export async function openRecoveryRequest(userId: string, tx: Db = db()) {
  return tx.recoveryRequest.findUnique({ where: { openFor: userId } });
}

/**
 * The account's open request, unless its links expired without being used: such a request is closed
 * here, so that it no longer blocks a new one.
 */
async function openRequestUnlessLapsed(userId: string, now: Date) {
  const lapsedBefore = new Date(now.getTime() - LINK_GRACE_DAYS * 24 * 3600 * 1000);
  const open = await openRecoveryRequest(userId);
  if (!open || open.readyAt > lapsedBefore) return open;
  await db().$transaction((tx) => closeOpenRequest(tx, userId, { state: "cancelled", how: "lapsed: its links expired" }, now));
  return null;
}
