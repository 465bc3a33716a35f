import "server-only";
import { db, type Db, type User } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/encryption";
import { checkTotp } from "./totp";

const context = (userId: string) => `totp:${userId}`;

export function encryptTotpSecret(userId: string, secret: string): string {
  return encryptSecret(secret, context(userId));
}

export function decryptTotpSecret(userId: string, stored: string): string {
  return decryptSecret(stored, context(userId));
}

/**
 * Accepts a code from the user's authenticator app once: the step it belongs to is recorded with a
 * conditional update, so a replayed code, an older one, or the same code sent twice at once fails.
 */
export async function acceptAuthenticatorCode(
  user: Pick<User, "id" | "totpSecret" | "totpLastUsedStep">,
  code: string,
  tx: Db = db(),
): Promise<boolean> {
  if (!user.totpSecret) return false;
  const result = checkTotp({ secret: decryptTotpSecret(user.id, user.totpSecret), code, afterStep: user.totpLastUsedStep });
  if (!result.valid) return false;
  const claimed = await tx.user.updateMany({
    where: { id: user.id, totpSecret: user.totpSecret, OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: result.step } }] },
    data: { totpLastUsedStep: result.step },
  });
  return claimed.count === 1;
}
