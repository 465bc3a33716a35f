import "server-only";
import type { Db, TokenPurpose } from "@/lib/db/client";
import { randomToken, sha256 } from "./random";

/**
 * Issues a single-use token for the user and purpose, replacing any earlier unused one, and returns
 * the token itself: the caller mails it, the database keeps only its digest.
 */
export async function issueUserToken(
  tx: Db,
  options: {
    userId: string;
    purpose: TokenPurpose;
    lifetimeSeconds: number;
    payload?: string;
    /** Leave the user's earlier unused tokens of this purpose working (one link per email, each independent). */
    keepEarlier?: boolean;
  },
): Promise<string> {
  const now = new Date();
  if (!options.keepEarlier) {
    await tx.userToken.updateMany({
      where: { userId: options.userId, purpose: options.purpose, usedAt: null },
      data: { usedAt: now },
    });
  }
  const token = randomToken();
  await tx.userToken.create({
    data: {
      userId: options.userId,
      purpose: options.purpose,
      tokenHash: sha256(token),
      payload: options.payload ?? null,
      expiresAt: new Date(now.getTime() + options.lifetimeSeconds * 1000),
    },
  });
  return token;
}

export type TokenCheck = { status: "valid"; userId: string } | { status: "unknown" | "expired" | "used" };

/** Looks a token up without using it, so that a page can say what is wrong before showing a form. */
export async function checkUserToken(tx: Db, options: { token: string; purpose: TokenPurpose }, now = new Date()): Promise<TokenCheck> {
  const row = await tx.userToken.findUnique({ where: { tokenHash: sha256(options.token) } });
  if (!row || row.purpose !== options.purpose) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "valid", userId: row.userId };
}

/**
 * Uses a token up. The conditional update is the check: of two concurrent requests with the same
 * token, exactly one changes the row.
 */
export async function consumeUserToken(tx: Db, options: { token: string; purpose: TokenPurpose }, now = new Date()): Promise<TokenCheck> {
  const check = await checkUserToken(tx, options, now);
  if (check.status !== "valid") return check;
  const claimed = await tx.userToken.updateMany({
    where: { tokenHash: sha256(options.token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return claimed.count === 1 ? check : { status: "used" };
}
