import "server-only";
import { db, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { CONFIRMATION_LIFETIME_HOURS } from "./unconfirmed";

/**
 * Every sign-up that passes the username check holds that username for its link's 24 hours, whatever
 * the address: a new address's unconfirmed account holds it in its row, any other sign-up (an address
 * already registered, or an unconfirmed account's later sign-up) in a hold. So sending the same sign-up
 * twice, or the same username from another address, answers the same whether or not the first address
 * was registered.
 */
export async function usernameIsFree(tx: Db, username: string): Promise<boolean> {
  await tx.usernameHold.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  const [account, hold] = await Promise.all([
    tx.user.findUnique({ where: { username }, select: { id: true } }),
    tx.usernameHold.findUnique({ where: { username }, select: { username: true } }),
  ]);
  return !account && !hold;
}

/**
 * Holds a username for a sign-up that does not write it to an account. `userId`: the unconfirmed
 * account whose link carries it, or null. False when another sign-up took it at the same moment.
 * A statement of its own, outside any transaction: on PostgreSQL a unique violation would end one.
 */
export async function holdUsername(username: string, userId: string | null): Promise<boolean> {
  try {
    const expiresAt = new Date(Date.now() + CONFIRMATION_LIFETIME_HOURS * 3600_000);
    await db().usernameHold.create({ data: { username, userId, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Whether another sign-up than this account's holds the username. */
export async function heldByAnother(tx: Db, username: string, userId: string): Promise<boolean> {
  const hold = await tx.usernameHold.findFirst({
    where: { username, expiresAt: { gt: new Date() }, OR: [{ userId: null }, { userId: { not: userId } }] },
    select: { username: true },
  });
  return hold !== null;
}

/** A confirmed account's sign-up is over: the usernames its other sign-ups held are free again. */
export async function releaseHolds(tx: Db, userId: string): Promise<void> {
  await tx.usernameHold.deleteMany({ where: { userId } });
}
