import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { config } from "@/lib/config";
import { db, type Db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";
import { checkAssertion } from "@/lib/security-keys/authentication";
import { splitTransports, storeSessionChallenge, takeSessionChallenge } from "@/lib/security-keys/registration";
import { CEREMONY_TIMEOUT_MS, relyingParty } from "@/lib/security-keys/relying-party";

/** Whether the account may confirm who it is with a passkey (at the sudo prompt, before an admin action). */
export async function hasUsablePasskey(userId: string, tx: Db = db()): Promise<boolean> {
  return config().allowPasskeys && (await tx.securityKey.count({ where: { userId, passkey: true } })) > 0;
}

/**
 * The options for a signed-in user to confirm who they are with one of their passkeys; the challenge
 * is kept on their session (as when adding a key) and answers once. Null when they have none.
 */
export async function passkeyConfirmationOptions(userId: string, sessionId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  if (!config().allowPasskeys) return null;
  const passkeys = await db().securityKey.findMany({ where: { userId, passkey: true }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: passkeys.map((key) => ({ id: key.credentialId, transports: splitTransports(key.transports) })),
    userVerification: "required",
    timeout: CEREMONY_TIMEOUT_MS,
  });
  await storeSessionChallenge(sessionId, options.challenge);
  return options;
}

/**
 * Whether the answer is a user-verified signature by one of the user's own passkeys over their
 * session's challenge, which is used up first. Called by lib/two-factor/verify.ts, which counts it.
 */
export async function acceptPasskeyConfirmation(
  tx: Db,
  options: { userId: string; sessionId: string | undefined; response: AuthenticationResponseJSON; client: RequestContext },
): Promise<boolean> {
  const challenge = options.sessionId ? await takeSessionChallenge(options.sessionId, tx) : null;
  if (!challenge) return false;
  const key = await tx.securityKey.findFirst({ where: { credentialId: options.response.id, userId: options.userId, passkey: true } });
  if (!key) return false;
  const check = await checkAssertion(tx, {
    key,
    response: options.response,
    challenge,
    requireUserVerification: true,
    client: options.client,
  });
  return check === "verified";
}
