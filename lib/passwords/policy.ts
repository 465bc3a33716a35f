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
 * characters; no composition rules), read on its normalised form. Returns a message for every rule
 * broken, so that one submit shows all that needs changing. The form's hint already states the rules:
 * the messages say what is wrong with this password.
 */
export function passwordProblems(typed: string, account: { email?: string; username?: string } = {}): string[] {
  const password = normalizePassword(typed);
  const problems: string[] = [];
  const characters = [...password].length;
  if (characters < PASSWORD_MIN_CHARACTERS) {
    problems.push(`This password is too short (${characters} characters). Use at least ${PASSWORD_MIN_CHARACTERS}.`);
  }
  const bytes = Buffer.byteLength(password, "utf8");
  if (bytes > PASSWORD_MAX_BYTES) {
    problems.push(`This password is too long (${bytes} bytes). Use at most ${PASSWORD_MAX_BYTES}.`);
  }
  if (isBlank(password)) {
    return [...problems, "This password is only spaces: use letters, digits or symbols too."];
  }
  if (isCommonPassword(password)) {
    problems.push("This password is too common: it appears in lists that attackers try first.");
  }
  // A repetition is as strong as what it repeats: "abcabcab" is "abc", "monkeymonkey" is "monkey".
  const unit = repeatedUnit(password);
  if (unit !== null && ([...unit].length < PASSWORD_MIN_CHARACTERS || isCommonPassword(unit))) {
    problems.push("This password repeats a few characters (like aaaa or abab): attackers try those first.");
  }
  if (isSequential(password)) {
    problems.push("This password is a run of letters, digits or keys (like abcd, 4321 or qwerty): attackers try those first.");
  }
  const lowered = password.toLowerCase();
  if ((account.email && lowered === account.email.toLowerCase()) || (account.username && lowered === account.username.toLowerCase())) {
    problems.push("Your password must not be your email address or username.");
  }
  return problems;
}

/** The first rule broken, or null: for the callers that report one reason (the command line, the library's last check). */
export function passwordProblem(typed: string, account: { email?: string; username?: string } = {}): string | null {
  return passwordProblems(typed, account)[0] ?? null;
}

/**
 * A new password typed twice: every rule broken is reported at the password, and a mismatch at the
 * confirmation, both at once. Compared normalised, so accents typed differently in the two fields
 * still match. An empty password is left to the field's own "Enter a password."
 */
export function newPasswordProblems(
  password: string,
  confirmation: string,
  account: { email?: string; username?: string } = {},
): { at: "password" | "confirmation"; message: string }[] {
  const problems: { at: "password" | "confirmation"; message: string }[] =
    password === "" ? [] : passwordProblems(password, account).map((message) => ({ at: "password", message }));
  if (normalizePassword(password) !== normalizePassword(confirmation))
    problems.push({ at: "confirmation", message: "The two passwords do not match." });
  return problems;
}
