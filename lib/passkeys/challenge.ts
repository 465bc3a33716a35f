import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { cookies } from "next/headers";
import { passkeyChallengeCookie } from "@/lib/auth/cookies";
import { db } from "@/lib/db/client";
import { relyingParty } from "@/lib/security-keys/relying-party";
import { randomToken, sha256 } from "@/lib/tokens/random";

/** How long a passwordless sign-in's challenge may be answered. */
export const PASSKEY_CHALLENGE_SECONDS = 5 * 60;

/**
 * A challenge for a passwordless sign-in, before anyone is known: no credential is named, so the
 * browser offers any passkey it holds for this site. The challenge is stored in the database (every
 * instance can check the answer) under the SHA-256 of a random binding that only the asking page's
 * cookie carries, so that it answers for that page alone.
 */
export async function issuePasskeyChallenge(
  now = new Date(),
): Promise<{ binding: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: [],
    userVerification: "required",
    timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
  });
  const binding = randomToken();
  await db().$transaction([
    // Unanswered challenges are removed as new ones are made.
    db().passkeyChallenge.deleteMany({ where: { expiresAt: { lte: now } } }),
    db().passkeyChallenge.create({
      data: {
        bindingHash: sha256(binding),
        challenge: options.challenge,
        expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_SECONDS * 1000),
      },
    }),
  ]);
  return { binding, options };
}

/**
 * The challenge behind a page's binding, used up: the conditional delete decides which of two
 * answers at once gets it, and the other finds nothing. Null when it is unknown, used, or older than
 * five minutes.
 */
export async function takePasskeyChallenge(binding: string, now = new Date()): Promise<string | null> {
  const row = await db().passkeyChallenge.findUnique({ where: { bindingHash: sha256(binding) } });
  if (!row) return null;
  const taken = await db().passkeyChallenge.deleteMany({ where: { id: row.id } });
  if (taken.count !== 1 || row.expiresAt <= now) return null;
  return row.challenge;
}

/** A passwordless sign-in's challenge, bound to this browser's sign-in page by a cookie (replacing any earlier one). */
export async function offerPasskeySignIn(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { binding, options } = await issuePasskeyChallenge();
  const cookie = passkeyChallengeCookie();
  (await cookies()).set(cookie.name, binding, cookie.options);
  return options;
}

/** The binding of this page's passkey challenge, if any; the cookie is cleared, as the challenge is used up. */
export async function takePasskeyBinding(): Promise<string | undefined> {
  const cookie = passkeyChallengeCookie();
  const jar = await cookies();
  const binding = jar.get(cookie.name)?.value;
  if (binding !== undefined) jar.set(cookie.name, "", { ...cookie.options, maxAge: 0 });
  return binding;
}
