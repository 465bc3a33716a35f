import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { PendingSignIn } from "@/lib/auth/pending-sign-in";
import { db, type Db, type SecurityKey } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { clonedKeyEmail } from "./emails";
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
 * the account's own keys (a passkey is one too). The challenge is used up first, whatever the
 * outcome, so an answer cannot be replayed.
 */
export async function acceptKeySignature(
  pending: PendingSignIn,
  response: AuthenticationResponseJSON,
  tx: Db = db(),
  client: RequestContext = { ip: pending.ip, userAgent: pending.userAgent },
): Promise<boolean> {
  const challenge = await takeSignInChallenge(tx, pending.id);
  if (!challenge) return false;
  const key = await tx.securityKey.findFirst({ where: { credentialId: response.id, userId: pending.user.id } });
  if (!key) return false;
  return (await checkAssertion(tx, { key, response, challenge, requireUserVerification: false, client })) === "verified";
}

export type AssertionCheck = "verified" | "invalid" | "counter-not-grown";

/**
 * The one check of a signature by a stored credential over a challenge the caller has taken (used
 * up): this site's origin and RP id, user verification when asked, and a signature counter that
 * grows. A counter that does not grow on a genuine signature means the private key may have been
 * copied: the answer is refused and the owner emailed, in `tx`. A success stores the new counter with
 * a conditional update (two answers racing with one counter cannot both pass) and the credential's
 * backup flags as reported now.
 */
export async function checkAssertion(
  tx: Db,
  options: {
    key: SecurityKey;
    response: AuthenticationResponseJSON;
    challenge: string;
    requireUserVerification: boolean;
    client: RequestContext;
  },
): Promise<AssertionCheck> {
  const { key, response } = options;
  const rp = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    // The library compares counters before it checks the signature; comparing them below instead
    // means only a genuine signature can set off the cloned-key email.
    credential: {
      id: key.credentialId,
      publicKey: Buffer.from(key.publicKey, "base64url"),
      counter: 0,
      transports: splitTransports(key.transports),
    },
    requireUserVerification: options.requireUserVerification,
  }).catch(() => null);
  if (!verification?.verified) return "invalid";
  const { newCounter, credentialBackedUp, credentialDeviceType } = verification.authenticationInfo;
  if ((newCounter > 0 || key.counter > 0n) && BigInt(newCounter) <= key.counter) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: key.userId }, select: { email: true, username: true } });
    await enqueueEmail(
      tx,
      user.email,
      clonedKeyEmail({ username: user.username, keyName: key.name, passkey: key.passkey, event: accountEvent(options.client) }),
    );
    return "counter-not-grown";
  }
  const stored = await tx.securityKey.updateMany({
    where: { id: key.id, counter: key.counter },
    data: {
      counter: BigInt(newCounter),
      lastUsedAt: new Date(),
      backedUp: credentialBackedUp,
      multiDevice: credentialDeviceType === "multiDevice",
    },
  });
  return stored.count === 1 ? "verified" : "invalid";
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
