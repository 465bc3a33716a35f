import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random token; 32 bytes (256 bits) from the CSPRNG unless asked otherwise. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** How tokens are stored: a stolen database gives their digests, never the tokens. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
