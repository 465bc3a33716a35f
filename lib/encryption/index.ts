import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "@/lib/config";

const VERSION = "v1";

/**
 * Encrypts a secret for storage with AES-256-GCM under ENCRYPTION_KEY, which lives outside the
 * database. `context` (such as "totp:<user id>") is authenticated with it, so a ciphertext copied
 * onto another row does not decrypt there.
 */
export function encryptSecret(plaintext: string, context: string, key: Buffer = config().encryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plaintext, or an exception when the value was altered, belongs to another context or key. */
export function decryptSecret(stored: string, context: string, key: Buffer = config().encryptionKey): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Unreadable encrypted value");
  // authTagLength: without it Node accepts a tag cut down to 4 bytes, and so an altered value with far less work.
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
