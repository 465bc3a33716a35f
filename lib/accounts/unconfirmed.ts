import "server-only";
import type { Db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/encryption";

export const CONFIRMATION_LIFETIME_HOURS = 24;

/**
 * The credentials chosen in one sign-up, carried (encrypted) by that sign-up's confirmation link
 * rather than written to the account: when someone signs up with an address that already has an
 * unconfirmed account, only the link the address's owner opens decides the username and password.
 * Otherwise whoever signed up first with someone else's address would own the account the owner
 * later confirms (account pre-hijacking).
 */
export type SignUpCredentials = { username: string; passwordHash: string };

const context = (userId: string) => `sign-up:${userId}`;

export function sealCredentials(userId: string, credentials: SignUpCredentials): string {
  return encryptSecret(JSON.stringify(credentials), context(userId));
}

export function openCredentials(userId: string, payload: string): SignUpCredentials {
  return JSON.parse(decryptSecret(payload, context(userId))) as SignUpCredentials;
}

/**
 * An unconfirmed account whose last confirmation link has lapsed (24 hours after the newest sign-up):
 * it holds neither its address nor its username any more.
 */
export function lapsedSignUp(now: Date) {
  return {
    emailConfirmedAt: null,
    createdAt: { lt: new Date(now.getTime() - CONFIRMATION_LIFETIME_HOURS * 3600_000) },
    tokens: { none: { purpose: "EMAIL_CONFIRMATION" as const, usedAt: null, expiresAt: { gt: now } } },
  };
}

/**
 * Deletes the lapsed sign-ups holding this address or username, so that they free both. Returns how
 * many it deleted.
 */
export async function purgeLapsedSignUps(tx: Db, holding: { email?: string; username?: string }): Promise<number> {
  const or = [holding.email ? { email: holding.email } : null, holding.username ? { username: holding.username } : null].filter(
    (item) => item !== null,
  );
  if (or.length === 0) return 0;
  const { count } = await tx.user.deleteMany({ where: { OR: or, ...lapsedSignUp(new Date()) } });
  return count;
}
