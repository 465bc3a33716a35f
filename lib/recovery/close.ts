import "server-only";
import { recordAudit } from "@/lib/audit";
import { now as clockNow } from "@/lib/clock";
import { db, type Db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent, securityEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { plausibleLinkToken } from "@/lib/tokens/link-token";
import { checkUserToken, consumeUserToken } from "@/lib/tokens/user-tokens";
import { recoveryApprovedEmail, recoveryClosedEmail } from "./emails";
import { issueCancelLink } from "./links";

export type RecoveryLinkProblem = "unknown" | "expired" | "used";

/**
 * Closes the account's open request, if there is one, in the caller's transaction: the conditional
 * update on `openFor` decides between closings at once (a cancel, a denial, a finish), and every link
 * of the request dies with it. True when this call closed it.
 */
export async function closeOpenRequest(
  tx: Db,
  userId: string,
  closing: { state: "cancelled" | "denied" | "completed"; how: string; decidedById?: string | null },
  now: Date,
): Promise<boolean> {
  const closed = await tx.recoveryRequest.updateMany({
    where: { openFor: userId },
    data: {
      openFor: null,
      state: closing.state,
      closedAt: now,
      closedHow: closing.how,
      ...(closing.state === "denied" ? { decidedById: closing.decidedById ?? null, decidedAt: now } : {}),
    },
  });
  if (closed.count !== 1) return false;
  await tx.userToken.updateMany({
    where: { userId, purpose: { in: ["RECOVERY_FINISH", "RECOVERY_CANCEL"] }, usedAt: null },
    data: { usedAt: now },
  });
  return true;
}

/**
 * A successful second factor at sign-in proves the owner still holds one: any open request closes,
 * in the sign-in's transaction (lib/two-factor/verify.ts). True when it queued an email.
 */
export async function cancelRecoveryOnSignIn(tx: Db, user: User, client: RequestContext, method: string): Promise<boolean> {
  const now = clockNow();
  if (!(await closeOpenRequest(tx, user.id, { state: "cancelled", how: `signed in with a ${method}` }, now))) return false;
  await recordAudit(tx, {
    action: "recovery.cancelled",
    actorId: user.id,
    targetUserId: user.id,
    ip: client.ip ?? null,
    details: `signed in with a ${method}`,
  });
  await enqueueEmail(tx, user.email, recoveryClosedEmail({ username: user.username, how: "signed-in", event: accountEvent(client, now) }));
  return true;
}

/** What a cancel link would do, without using it. */
export async function checkCancelLink(
  token: string,
  now = clockNow(),
): Promise<{ status: "valid"; username: string } | { status: RecoveryLinkProblem }> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const check = await checkUserToken(db(), { token, purpose: "RECOVERY_CANCEL" }, now);
  if (check.status !== "valid") return check;
  const user = await db().user.findUniqueOrThrow({ where: { id: check.userId } });
  return { status: "valid", username: user.username };
}

/** The one-click cancel from an email: no sign-in needed, and it can only stop a request. */
export async function cancelRecoveryByLink(
  token: string,
  client: RequestContext,
  now = clockNow(),
): Promise<{ status: "cancelled" } | { status: RecoveryLinkProblem }> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const result = await db().$transaction(async (tx) => {
    const consumed = await consumeUserToken(tx, { token, purpose: "RECOVERY_CANCEL" }, now);
    if (consumed.status !== "valid") return consumed;
    if (!(await closeOpenRequest(tx, consumed.userId, { state: "cancelled", how: "cancelled with an emailed link" }, now))) {
      return { status: "used" as const };
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: consumed.userId } });
    await recordAudit(tx, {
      action: "recovery.cancelled",
      actorId: user.id,
      targetUserId: user.id,
      ip: client.ip ?? null,
      details: "with the link in an email",
    });
    await enqueueEmail(
      tx,
      user.email,
      recoveryClosedEmail({ username: user.username, how: "cancelled", event: accountEvent(client, now) }),
    );
    return consumed;
  });
  if (result.status !== "valid") return result;
  notifyOutbox();
  return { status: "cancelled" };
}

/**
 * Staff decide on a pending request (through lib/admin/recovery.ts, which checks the role rule).
 * Approving ends the wait at once; denying closes the request. False when there is no such request.
 */
export async function decideRecoveryRequest(tx: Db, user: User, decision: "approve" | "deny", by: RequestContext): Promise<boolean> {
  const now = clockNow();
  if (decision === "deny") {
    if (!(await closeOpenRequest(tx, user.id, { state: "denied", how: "denied", decidedById: by.actorId }, now))) return false;
    await recordAudit(tx, { action: "recovery.denied", actorId: by.actorId, targetUserId: user.id, ip: by.ip ?? null });
    await enqueueEmail(
      tx,
      user.email,
      recoveryClosedEmail({ username: user.username, how: "denied", event: securityEvent(user.id, by, now) }),
    );
    return true;
  }
  const approved = await tx.recoveryRequest.updateMany({
    where: { openFor: user.id, state: "pending" },
    data: { state: "approved", readyAt: now, decidedById: by.actorId ?? null, decidedAt: now },
  });
  if (approved.count !== 1) return false;
  await recordAudit(tx, { action: "recovery.approved", actorId: by.actorId, targetUserId: user.id, ip: by.ip ?? null });
  await enqueueEmail(
    tx,
    user.email,
    recoveryApprovedEmail({
      username: user.username,
      event: securityEvent(user.id, by, now),
      cancelUrl: await issueCancelLink(tx, user.id),
    }),
  );
  return true;
}
