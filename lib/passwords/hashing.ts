import "server-only";
import bcrypt from "bcrypt";
import { randomInt } from "node:crypto";
import { config } from "@/lib/config";
import { normalizePassword, PASSWORD_MAX_BYTES } from "./policy";

/** The bcrypt hash of the password's normalised form (NFKC, see normalizePassword). */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(normalizePassword(password), config().bcryptCost);
}

let dummyHash: Promise<string> | undefined;

export type PasswordMatch = {
  valid: boolean;
  /** The hash is of the password as typed, from before passwords were normalised: store a new one. */
  legacy: boolean;
};

/**
 * Compares a password with a stored hash, in its normalised form and then, if that differs and does
 * not match, as typed: hashes made before normalisation are of the raw password. With no hash
 * (unknown account) it compares against a dummy hash of the same cost, the same number of times, so
 * both answers take the same time. A password past 72 bytes never matches: bcrypt would compare only
 * its first 72 bytes.
 */
export async function passwordMatch(typed: string, hash: string | null): Promise<PasswordMatch> {
  dummyHash ??= bcrypt.hash("not a password anybody has", config().bcryptCost);
  const against = hash ?? (await dummyHash);
  const normalised = normalizePassword(typed);
  if (fitsBcrypt(normalised) && (await bcrypt.compare(normalised, against))) return { valid: hash !== null, legacy: false };
  if (normalised !== typed && fitsBcrypt(typed) && (await bcrypt.compare(typed, against)))
    return { valid: hash !== null, legacy: hash !== null };
  return { valid: false, legacy: false };
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  return (await passwordMatch(password, hash)).valid;
}

function fitsBcrypt(password: string): boolean {
  return Buffer.byteLength(password, "utf8") <= PASSWORD_MAX_BYTES;
}

const READABLE = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password for the operator's command line: 20 characters, about 117 bits. */
export function generatePassword(length = 20): string {
  return Array.from({ length }, () => READABLE[randomInt(READABLE.length)]).join("");
}
