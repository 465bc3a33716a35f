import "server-only";
import { db, type User } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";
import { randomToken, sha256 } from "@/lib/tokens/random";

export const PENDING_SIGN_IN_SECONDS = 10 * 60;

/**
 * After a correct password on an account with two-factor authentication: a short-lived record that
 * the second step may finish. It grants nothing by itself, and starting one begins a new run of
 * second-factor attempts.
 */
export async function startPendingSignIn(user: User, client: RequestContext): Promise<string> {
  const token = randomToken();
  await db().$transaction([
    db().pendingSignIn.deleteMany({ where: { userId: user.id, expiresAt: { lte: new Date() } } }),
    db().user.update({ where: { id: user.id }, data: { secondFactorFailures: 0 } }),
    db().pendingSignIn.create({
      data: {
        userId: user.id,
        tokenHash: sha256(token),
        securityStamp: user.securityStamp,
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
        expiresAt: new Date(Date.now() + PENDING_SIGN_IN_SECONDS * 1000),
      },
    }),
  ]);
  return token;
}

export type PendingSignIn = { id: string; user: User; ip: string | null; userAgent: string | null };

/** The pending sign-in behind a token, or null when it is unknown, expired, or the account's credentials changed since. */
export async function findPendingSignIn(token: string): Promise<PendingSignIn | null> {
  const pending = await db().pendingSignIn.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!pending) return null;
  if (pending.expiresAt <= new Date() || pending.securityStamp !== pending.user.securityStamp) {
    await voidPendingSignIn(pending.id);
    return null;
  }
  return { id: pending.id, user: pending.user, ip: pending.ip, userAgent: pending.userAgent };
}

/** Ends a pending sign-in; true only for the caller that ended it, so a success is used once. */
export async function voidPendingSignIn(id: string): Promise<boolean> {
  const deleted = await db().pendingSignIn.deleteMany({ where: { id } });
  return deleted.count === 1;
}

/** Ends every pending sign-in of the account (after too many failed second factors in a row). */
export async function voidPendingSignIns(userId: string): Promise<void> {
  await db().pendingSignIn.deleteMany({ where: { userId } });
}
