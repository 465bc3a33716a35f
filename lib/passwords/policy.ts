import "server-only";
import { isCommonPassword } from "./common";

export const PASSWORD_MIN_CHARACTERS = 8;
/** bcrypt reads only the first 72 bytes: longer passwords are refused rather than silently cut. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * The rules for a new password (NIST SP 800-63B: length and a blocklist, no composition rules).
 * Returns the message for the first rule broken, or null.
 */
export function passwordProblem(password: string, account: { email?: string; username?: string } = {}): string | null {
  if ([...password].length < PASSWORD_MIN_CHARACTERS) {
    return `Use at least ${PASSWORD_MIN_CHARACTERS} characters.`;
  }
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`;
  }
  if (isCommonPassword(password)) {
    return "This password is too common: it appears in lists that attackers try first.";
  }
  const lowered = password.toLowerCase();
  if ((account.email && lowered === account.email.toLowerCase()) || (account.username && lowered === account.username.toLowerCase())) {
    return "Your password must not be your email address or username.";
  }
  return null;
}
