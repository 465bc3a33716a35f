import { generateSync } from "otplib";
import { db } from "@/lib/db/client";
import { encryptTotpSecret } from "@/lib/two-factor/authenticator";
import { newTotpSecret } from "@/lib/two-factor/totp";

/** The code an authenticator app with this secret shows now. */
export const codeNow = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });

/** A well-formed code that no step near now gives for this secret. */
export function wrongCode(secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const near = new Set([-2, -1, 0, 1, 2].map((steps) => generateSync({ secret, epoch: now + steps * 30 })));
  let code = 0;
  while (near.has(String(code).padStart(6, "0"))) code++;
  return String(code).padStart(6, "0");
}

/** Turns the authenticator app (and so two-factor authentication) on for an account, as setup would leave it. */
export async function withAuthenticatorOn(userId: string) {
  const secret = newTotpSecret();
  const user = await db().user.update({
    where: { id: userId },
    data: { totpSecret: encryptTotpSecret(userId, secret), totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
  });
  return { user, secret };
}
