import "server-only";
import { recordAudit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db, type Session, type User } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { randomToken, sha256 } from "@/lib/tokens/random";
import { alertNewBrowserSignIn } from "./new-browser";

/** How long the sign-in grant may wait for next-auth to exchange it for the session cookie. */
const GRANT_SECONDS = 60;
/** lastSeenAt is written at most this often, so that page views do not each cost a write. */
const TOUCH_SECONDS = 60;

/**
 * Starts a session once every sign-in step has passed. It stays inactive until next-auth exchanges
 * the returned grant (see lib/auth/options.ts), which also replaces the secret: the identifier in the
 * session cookie is new and was never seen by the pages before.
 */
export async function createSignInGrant(userId: string, client: RequestContext, method = "password"): Promise<string> {
  const grant = randomToken();
  await db().session.create({
    data: {
      userId,
      signInMethod: method,
      tokenHash: sha256(grant),
      expiresAt: new Date(Date.now() + config().session.maxAgeSeconds * 1000),
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      deviceHash: client.deviceId ? sha256(client.deviceId) : null,
    },
  });
  return grant;
}

/** Exchanges a grant for the session secret, once, within a minute. */
export async function activateSignInGrant(grant: string): Promise<{ userId: string; sessionSecret: string } | null> {
  const now = new Date();
  const session = await db().session.findUnique({ where: { tokenHash: sha256(grant) } });
  if (!session) return null;
  const sessionSecret = randomToken();
  const activated = await db().session.updateMany({
    where: {
      id: session.id,
      activatedAt: null,
      revokedAt: null,
      createdAt: { gt: new Date(now.getTime() - GRANT_SECONDS * 1000) },
    },
    data: { activatedAt: now, lastSeenAt: now, tokenHash: sha256(sessionSecret) },
  });
  if (activated.count !== 1) return null;
  const alerted = await db().$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: session.userId }, data: { lastSignInAt: now } });
    await recordAudit(tx, {
      action: "session.signed_in",
      actorId: session.userId,
      targetUserId: session.userId,
      ip: session.ip,
      details: session.signInMethod ?? undefined,
    });
    return alertNewBrowserSignIn(tx, user, { ...session, activatedAt: now });
  });
  if (alerted) notifyOutbox();
  return { userId: session.userId, sessionSecret };
}

export type ActiveSession = { session: Session; user: User };

/**
 * The session behind a cookie, checked against the database on every request: revoked, expired
 * (absolute lifetime) or idle sessions are refused at once.
 */
export async function findActiveSession(sessionSecret: string): Promise<ActiveSession | null> {
  const now = Date.now();
  const found = await db().session.findUnique({ where: { tokenHash: sha256(sessionSecret) }, include: { user: true } });
  if (!found || !found.activatedAt || found.revokedAt) return null;
  if (found.expiresAt.getTime() <= now) return null;
  if (found.lastSeenAt.getTime() + config().session.idleTimeoutSeconds * 1000 <= now) return null;
  if (found.lastSeenAt.getTime() + TOUCH_SECONDS * 1000 <= now) {
    await db().session.update({ where: { id: found.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { user, ...session } = found;
  return { session, user };
}

/** The user's sessions that are signed in and still usable, most recently used first. */
export function listActiveSessions(userId: string): Promise<Session[]> {
  const now = Date.now();
  return db().session.findMany({
    where: {
      userId,
      activatedAt: { not: null },
      revokedAt: null,
      expiresAt: { gt: new Date(now) },
      lastSeenAt: { gt: new Date(now - config().session.idleTimeoutSeconds * 1000) },
    },
    orderBy: { lastSeenAt: "desc" },
  });
}

export async function revokeSession(sessionSecret: string): Promise<void> {
  const session = await db().session.findUnique({ where: { tokenHash: sha256(sessionSecret) } });
  if (!session || session.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { action: "session.signed_out", actorId: session.userId, targetUserId: session.userId });
  });
}
