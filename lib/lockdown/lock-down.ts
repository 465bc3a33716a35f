import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import { RESET_LIFETIME_HOURS } from "@/lib/password-reset/request";
import type { RequestContext } from "@/lib/request/context";
import { plausibleLinkToken } from "@/lib/tokens/link-token";
import { randomToken } from "@/lib/tokens/random";
import { checkUserToken, consumeUserToken, issueUserToken, type TokenCheck } from "@/lib/tokens/user-tokens";
import { accountLockedDownEmail } from "./emails";

export type LockdownLinkProblem = "unknown" | "expired" | "used";
export type LockdownLinkCheck = { status: "valid"; username: string } | { status: LockdownLinkProblem };

/** What the link would do, without using it: the page names the account and shows one button. */
export async function checkLockdownLink(token: string, now = new Date()): Promise<LockdownLinkCheck> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const check = await checkUserToken(db(), { token, purpose: "ACCOUNT_LOCKDOWN" }, now);
  if (check.status !== "valid") return check;
  const user = await db().user.findUniqueOrThrow({ where: { id: check.userId } });
  return { status: "valid", username: user.username };
}

/**
 * "This wasn't me": locks the link's account down, and nothing else. In one transaction: the link is
 * used (a conditional update, so a second use does nothing), every session ends, pending sign-ins
 * and email-change links die, the other "wasn't me" links too, and no sign-in is possible until the
 * password is reset by email: the owner is mailed a reset link with the news. Two-factor settings
 * stay as they are. It can only take access away, never grant it.
 */
export async function lockDownAccount(
  token: string,
  client: RequestContext,
  now = new Date(),
): Promise<{ status: "locked" } | { status: LockdownLinkProblem }> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const result = await db().$transaction(async (tx): Promise<TokenCheck> => {
    const consumed = await consumeUserToken(tx, { token, purpose: "ACCOUNT_LOCKDOWN" }, now);
    if (consumed.status !== "valid") return consumed;
    const user = await tx.user.update({
      where: { id: consumed.userId },
      data: { passwordResetRequiredAt: now, securityStamp: randomToken(16) },
    });
    const sessions = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.pendingSignIn.deleteMany({ where: { userId: user.id } });
    await tx.userToken.updateMany({
      where: { userId: user.id, purpose: { in: ["EMAIL_CHANGE", "ACCOUNT_LOCKDOWN"] }, usedAt: null },
      data: { usedAt: now },
    });
    const resetToken = await issueUserToken(tx, {
      userId: user.id,
      purpose: "PASSWORD_RESET",
      lifetimeSeconds: RESET_LIFETIME_HOURS * 3600,
    });
    await recordAudit(tx, {
      action: "account.locked_down",
      actorId: user.id,
      targetUserId: user.id,
      ip: client.ip ?? null,
      details: `${sessions.count} ${sessions.count === 1 ? "session" : "sessions"} signed out`,
    });
    await enqueueEmail(
      tx,
      user.email,
      accountLockedDownEmail({
        username: user.username,
        resetToken,
        lifetimeHours: RESET_LIFETIME_HOURS,
        event: accountEvent(client, now),
      }),
    );
    return consumed;
  });
  if (result.status !== "valid") return result;
  notifyOutbox();
  return { status: "locked" };
}
