import "server-only";
import { recordAudit } from "@/lib/audit";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { now as clockNow } from "@/lib/clock";
import { db, type User } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { plausibleLinkToken } from "@/lib/tokens/link-token";
import { checkUserToken, consumeUserToken } from "@/lib/tokens/user-tokens";
import { turnOffEveryFactor } from "./disable";
import { closeOpenRequest, type RecoveryLinkProblem } from "@/lib/recovery/close";
import { openRecoveryRequest, selfServiceRecoveryOn } from "@/lib/recovery/start";

export type FinishCheck =
  | { status: "ready"; username: string }
  | { status: "waiting"; readyAt: Date }
  /** No sign-in with the password is in progress in this browser, or it is another account's. */
  | { status: "no-sign-in" }
  /** The request was cancelled, denied, or finished already. */
  | { status: "closed" }
  | { status: "off" }
  | { status: RecoveryLinkProblem };

export type FinishResult = { status: "finished"; user: User } | Exclude<FinishCheck, { status: "ready" }>;

class FinishLost extends Error {
  constructor(readonly result: FinishResult) {
    super(result.status);
  }
}

/**
 * Where a finishing link stands for this browser, without using it. It needs all three: the link
 * from the account's email, a sign-in with the account's password in progress (a pending sign-in),
 * and the wait over or an administrator's approval.
 */
export async function checkFinishLink(token: string, pendingToken: string | undefined, now = clockNow()): Promise<FinishCheck> {
  if (!selfServiceRecoveryOn()) return { status: "off" };
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const link = await checkUserToken(db(), { token, purpose: "RECOVERY_FINISH" }, now);
  if (link.status !== "valid") return link;
  const pending = pendingToken ? await findPendingSignIn(pendingToken) : null;
  if (!pending || pending.user.id !== link.userId) return { status: "no-sign-in" };
  const request = await openRecoveryRequest(link.userId);
  if (!request) return { status: "closed" };
  if (request.state === "pending" && request.readyAt > now) return { status: "waiting", readyAt: request.readyAt };
  return { status: "ready", username: pending.user.username };
}

/**
 * Finishes the request: in one transaction the link is used, the request closes, the pending sign-in
 * ends, and every factor is turned off (authenticator app, security keys, passkeys, backup codes,
 * email codes), audited and mailed. Each step is a conditional write, so of two finishes at once
 * one wins and the other changes nothing. The caller grants the session and leads to setup.
 */
export async function finishRecovery(
  token: string,
  pendingToken: string | undefined,
  client: RequestContext,
  now = clockNow(),
): Promise<FinishResult> {
  const check = await checkFinishLink(token, pendingToken, now);
  if (check.status !== "ready" || !pendingToken) return check.status === "ready" ? { status: "no-sign-in" } : check;
  const pending = await findPendingSignIn(pendingToken);
  if (!pending) return { status: "no-sign-in" };
  const user = pending.user;
  try {
    await db().$transaction(async (tx) => {
      const link = await consumeUserToken(tx, { token, purpose: "RECOVERY_FINISH" }, now);
      if (link.status !== "valid") throw new FinishLost(link);
      if ((await tx.pendingSignIn.deleteMany({ where: { id: pending.id } })).count !== 1) throw new FinishLost({ status: "no-sign-in" });
      const request = await openRecoveryRequest(user.id, tx);
      if (!request || (request.state === "pending" && request.readyAt > now)) throw new FinishLost({ status: "closed" });
      if (!(await closeOpenRequest(tx, user.id, { state: "completed", how: "finished with the emailed link and the password" }, now))) {
        throw new FinishLost({ status: "closed" });
      }
      await recordAudit(tx, {
        action: "recovery.completed",
        actorId: user.id,
        targetUserId: user.id,
        ip: client.ip ?? null,
        details: request.state === "approved" ? "approved by staff" : "after the wait",
      });
      await turnOffEveryFactor(
        tx,
        user,
        { ip: client.ip, userAgent: client.userAgent },
        { removePasskeys: true, details: "by a recovery request" },
      );
    });
  } catch (error) {
    if (error instanceof FinishLost) return error.result;
    throw error;
  }
  notifyOutbox();
  return { status: "finished", user: await db().user.findUniqueOrThrow({ where: { id: user.id } }) };
}
