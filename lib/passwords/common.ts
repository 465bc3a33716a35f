import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;

/**
 * True for a password on the bundled list of common passwords (zxcvbn-ts, about 49,000 entries drawn
 * from leaked-password corpora, well past the top 10,000 that NIST asks for). Compared in lower case.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}
