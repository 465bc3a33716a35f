import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { PendingSignIn } from "@/lib/auth/pending-sign-in";
import { db, type Db } from "@/lib/db/client";
import { splitTransports } from "./registration";
import { CEREMONY_TIMEOUT_MS, relyingParty } from "./relying-party";

/**
 * The options for the browser to ask the account's keys for a signature. The challenge is stored on
 * the pending sign-in (replacing any earlier one), so it is bound to it and expires with it. Null when
 * the account has no key, "ended" when the pending sign-in is gone.
 */
export async function keySignInOptions(pending: PendingSignIn): Promise<PublicKeyCredentialRequestOptionsJSON | null | "ended"> {
  const keys = await db().securityKey.findMany({ where: { userId: pending.user.id }, select: { credentialId: true, transports: true } });
  if (keys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: keys.map((key) => ({ id: key.credentialId, transports: splitTransports(key.transports) })),
    userVerification: "preferred",
    timeout: CEREMONY_TIMEOUT_MS,
  });
  // Conditional: the pending sign-in may have ended meanwhile (finished in another tab, or voided).
  const stored = await db().pendingSignIn.updateMany({
    where: { id: pending.id, expiresAt: { gt: new Date() } },
    data: { keyChallenge: options.challenge },
  });
  return stored.count === 1 ? options : "ended";
}

/**
 * Whether the browser's answer is a fresh signature, over this pending sign-in's challenge, by one of
 * the account's own keys. The challenge is used up first, whatever the outcome, so an answer cannot
 * be replayed. A signature counter that fails to grow (a cloned key) is refused; the new value is
 * stored with a conditional update, so two answers racing with the same counter cannot both pass.
 */
export async function acceptKeySignature(pending: PendingSignIn, response: AuthenticationResponseJSON, tx: Db = db()): Promise<boolean> {
  const challenge = await takeSignInChallenge(tx, pending.id);
  if (!challenge) return false;
  const key = await tx.securityKey.findFirst({ where: { credentialId: response.id, userId: pending.user.id } });
  if (!key) return false;

  const rp = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: key.credentialId,
      publicKey: Buffer.from(key.publicKey, "base64url"),
      counter: Number(key.counter),
      transports: splitTransports(key.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return false;

  const stored = await tx.securityKey.updateMany({
    where: { id: key.id, counter: key.counter },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  return stored.count === 1;
}

async function takeSignInChallenge(tx: Db, pendingId: string): Promise<string | null> {
  const pending = await tx.pendingSignIn.findUnique({ where: { id: pendingId }, select: { keyChallenge: true } });
  if (!pending?.keyChallenge) return null;
  const taken = await tx.pendingSignIn.updateMany({
    where: { id: pendingId, keyChallenge: pending.keyChallenge },
    data: { keyChallenge: null },
  });
  return taken.count === 1 ? pending.keyChallenge : null;
}
