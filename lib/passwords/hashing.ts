import "server-only";
import bcrypt from "bcrypt";
import { randomInt } from "node:crypto";
import { config } from "@/lib/config";
import { PASSWORD_MAX_BYTES } from "./policy";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, config().bcryptCost);
}

let dummyHash: Promise<string> | undefined;

/**
 * Compares a password with a stored hash. With no hash (unknown account) it compares against a
 * dummy hash of the same cost, so both answers take the same time. A password past 72 bytes never
 * matches: bcrypt would compare only its first 72 bytes.
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  dummyHash ??= bcrypt.hash("not a password anybody has", config().bcryptCost);
  const tooLong = Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES;
  const matches = await bcrypt.compare(password, hash ?? (await dummyHash));
  return matches && hash !== null && !tooLong;
}

const READABLE = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password for the operator's command line: 20 characters, about 117 bits. */
export function generatePassword(length = 20): string {
  return Array.from({ length }, () => READABLE[randomInt(READABLE.length)]).join("");
}
