import "server-only";
import { isCommonPassword } from "./common";
import { isBlank, isSequential, repeatedUnit } from "./patterns";

export const PASSWORD_MIN_CHARACTERS = 8;
/** bcrypt reads only the first 72 bytes: longer passwords are refused rather than silently cut. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * The form of a password that the rules read and bcrypt hashes (NIST SP 800-63B 5.1.1.2: Unicode
 * NFKC): "é" typed as one code point or as "e" and a combining accent is one password, and full-width
 * "ｐａｓｓｗｏｒｄ" is "password". Every hash and comparison goes through lib/passwords/hashing.ts,
 * which applies it.
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/**
 * The rules for a new password (NIST SP 800-63B: length, a blocklist, and no repetitive or sequential
 * characters; no composition rules), read on its normalised form. Returns the message for the first
 * rule broken, or null.
 */
export function passwordProblem(typed: string, account: { email?: string; username?: string } = {}): string | null {
  const password = normalizePassword(typed);
  if ([...password].length < PASSWORD_MIN_CHARACTERS) {
    return `Use at least ${PASSWORD_MIN_CHARACTERS} characters.`;
  }
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`;
  }
  if (isBlank(password)) {
    return "This password is only spaces: use letters, digits or symbols too.";
  }
  if (isCommonPassword(password)) {
    return "This password is too common: it appears in lists that attackers try first.";
  }
  // A repetition is as strong as what it repeats: "abcabcab" is "abc", "monkeymonkey" is "monkey".
  const unit = repeatedUnit(password);
  if (unit !== null && ([...unit].length < PASSWORD_MIN_CHARACTERS || isCommonPassword(unit))) {
    return "This password repeats a few characters (like aaaa or abab): attackers try those first.";
  }
  if (isSequential(password)) {
    return "This password is a run of letters, digits or keys (like abcd, 4321 or qwerty): attackers try those first.";
  }
  const lowered = password.toLowerCase();
  if ((account.email && lowered === account.email.toLowerCase()) || (account.username && lowered === account.username.toLowerCase())) {
    return "Your password must not be your email address or username.";
  }
  return null;
}

/**
 * A new password typed twice: the first rule broken is reported at the password, a mismatch at the
 * confirmation. Compared normalised, so accents typed differently in the two fields still match.
 */
export function newPasswordProblem(
  password: string,
  confirmation: string,
  account: { email?: string; username?: string } = {},
): { at: "password" | "confirmation"; message: string } | null {
  const problem = passwordProblem(password, account);
  if (problem) return { at: "password", message: problem };
  if (normalizePassword(password) !== normalizePassword(confirmation))
    return { at: "confirmation", message: "The two passwords do not match." };
  return null;
}
