import "server-only";
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { z } from "zod";
import { config } from "@/lib/config";
import { db, type Db } from "@/lib/db/client";

/** No 0/o, 1/l/i: nothing that reads as something else. 31 symbols, 15 of them: about 74 bits a code. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const GROUPS = 3;
const GROUP_LENGTH = 5;
export const CODES_PER_SET = 10;
export const LOW_CODES_WARNING = 3;

/** A code as people read it: three groups of five, like "k7mqe-2xz9p-hr4tw". */
export function generateBackupCode(): string {
  const symbols = Array.from({ length: GROUPS * GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return symbols.match(new RegExp(`.{${GROUP_LENGTH}}`, "g"))!.join("-");
}

/** Typed codes are accepted in any case, with or without the dashes, with spaces around. */
export const backupCodeField = z
  .string({ error: "Enter one of your backup codes." })
  .transform((code) => code.toLowerCase().replace(/[\s-]/g, ""))
  .pipe(
    z
      .string()
      .min(1, "Enter one of your backup codes.")
      .regex(new RegExp(`^[${ALPHABET}]*$`), "That is not a backup code: backup codes use only the letters and digits in your list.")
      .length(GROUPS * GROUP_LENGTH, `Backup codes have ${GROUPS * GROUP_LENGTH} letters and digits, like k7mqe-2xz9p-hr4tw.`),
  );

let digestKey: Buffer | undefined;

/**
 * HMAC-SHA256 of the user and the normalised code, under a key derived from ENCRYPTION_KEY: a stolen
 * database alone does not allow guessing codes offline, and checking one costs a single digest.
 */
export function digestBackupCode(userId: string, normalisedCode: string): string {
  digestKey ??= Buffer.from(hkdfSync("sha256", config().encryptionKey, Buffer.alloc(0), "backup-code-digest", 32));
  return createHmac("sha256", digestKey).update(`${userId}:${normalisedCode}`).digest("hex");
}

/**
 * Replaces the user's whole set, in the caller's transaction. Returns the new codes, to be shown once;
 * until the user confirms them saved (lib/backup-codes/saved.ts), the set counts as possibly lost.
 */
export async function replaceBackupCodes(tx: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: CODES_PER_SET }, generateBackupCode);
  // A new set: unconfirmed, and its check-ups start again.
  await tx.user.update({
    where: { id: userId },
    data: { backupCodesUnsavedSince: new Date(), backupCodesConfirmedAt: null, checkupStaleEmailedAt: null, checkupLowEmailedAt: null },
  });
  await tx.backupCode.deleteMany({ where: { userId } });
  await tx.backupCode.createMany({
    data: codes.map((code) => ({ userId, digest: digestBackupCode(userId, code.replace(/-/g, "")) })),
  });
  return codes;
}

/**
 * Uses a code up. The conditional update is the check: of any number of parallel attempts with the
 * same code, exactly one succeeds. `code` is normalised (see backupCodeField).
 */
export async function consumeBackupCode(userId: string, code: string, ip: string | null, tx: Db = db()): Promise<boolean> {
  const used = await tx.backupCode.updateMany({
    where: { userId, digest: digestBackupCode(userId, code), usedAt: null },
    data: { usedAt: new Date(), usedFromIp: ip },
  });
  return used.count === 1;
}

/**
 * Whether `code` (normalised) is a current, unused code of the user, without using it up: the check a
 * user makes to be sure they hold their codes. Only through verifySecondFactor, which counts a miss.
 */
export async function holdsUnusedBackupCode(userId: string, code: string, tx: Db = db()): Promise<boolean> {
  return (await tx.backupCode.count({ where: { userId, digest: digestBackupCode(userId, code), usedAt: null } })) === 1;
}

export function remainingBackupCodes(userId: string, tx: Db = db()): Promise<number> {
  return tx.backupCode.count({ where: { userId, usedAt: null } });
}
