import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { db, type Db, type Prisma, type User } from "@/lib/db/client";
import { CEREMONY_TIMEOUT_MS, relyingParty } from "./relying-party";

/**
 * A security key is a second factor. A passkey is discoverable (the browser finds it without being
 * told the account) and checks the user (PIN or biometrics), so it signs in alone, without a password.
 */
export type CredentialKind = "security-key" | "passkey";

/**
 * Starts adding a key from a signed-in session: the challenge is kept on that session, for the
 * ceremony's timeout, and is good for one registration.
 */
export async function beginKeyRegistration(
  user: Pick<User, "id" | "username">,
  sessionId: string,
  kind: CredentialKind = "security-key",
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const keys = await db().securityKey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    // A key already in the list is refused by the browser itself, before the user touches it.
    excludeCredentials: keys.map((key) => ({ id: key.credentialId, transports: splitTransports(key.transports) })),
    authenticatorSelection:
      kind === "passkey"
        ? { residentKey: "required", userVerification: "required" }
        : { residentKey: "discouraged", userVerification: "preferred" },
    // credProps: the browser says whether the credential is discoverable (stored on the authenticator).
    ...(kind === "passkey" ? { extensions: { credProps: true } } : {}),
    timeout: CEREMONY_TIMEOUT_MS,
  });
  await storeSessionChallenge(sessionId, options.challenge);
  return options;
}

export type KeyRegistrationCheck =
  | { status: "verified"; key: Omit<Prisma.SecurityKeyUncheckedCreateInput, "userId" | "name"> }
  | { status: "expired" | "invalid" }
  /** A passkey that the browser reports is not stored on the authenticator, so it could not sign in alone. */
  | { status: "not-discoverable" };

/**
 * Checks the browser's answer against this session's challenge (used up whatever the outcome) and
 * returns the key to store. A passkey must have checked the user, and be stored on the authenticator.
 */
export async function verifyKeyRegistration(options: {
  sessionId: string;
  response: RegistrationResponseJSON;
  kind: CredentialKind;
}): Promise<KeyRegistrationCheck> {
  const passkey = options.kind === "passkey";
  const challenge = await takeSessionChallenge(options.sessionId);
  if (!challenge) return { status: "expired" };

  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: options.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: passkey,
  }).catch(() => null);
  if (!verification?.verified) return { status: "invalid" };
  if (passkey && options.response.clientExtensionResults.credProps?.rk === false) return { status: "not-discoverable" };

  const { credential, credentialBackedUp, credentialDeviceType } = verification.registrationInfo;
  return {
    status: "verified",
    key: {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: BigInt(credential.counter),
      transports: credential.transports?.join(",") || null,
      passkey,
      multiDevice: credentialDeviceType === "multiDevice",
      backedUp: credentialBackedUp,
    },
  };
}

/**
 * Stores a ceremony's challenge on the signed-in session (adding a key, or confirming with a passkey),
 * replacing any earlier one, for the ceremony's timeout.
 */
export async function storeSessionChallenge(sessionId: string, challenge: string): Promise<void> {
  await db().session.update({
    where: { id: sessionId },
    data: { keyChallenge: challenge, keyChallengeExpiresAt: new Date(Date.now() + CEREMONY_TIMEOUT_MS) },
  });
}

/** The session's pending challenge, cleared so that it serves one answer only; null when none is live. */
export async function takeSessionChallenge(sessionId: string, tx: Db = db()): Promise<string | null> {
  const session = await tx.session.findUnique({ where: { id: sessionId }, select: { keyChallenge: true, keyChallengeExpiresAt: true } });
  if (!session?.keyChallenge || !session.keyChallengeExpiresAt) return null;
  const taken = await tx.session.updateMany({
    where: { id: sessionId, keyChallenge: session.keyChallenge },
    data: { keyChallenge: null, keyChallengeExpiresAt: null },
  });
  if (taken.count !== 1 || session.keyChallengeExpiresAt <= new Date()) return null;
  return session.keyChallenge;
}

/** Transports are stored as "usb,nfc": a hint the browser uses to offer the right kind of key. */
export function splitTransports(transports: string | null): string[] | undefined {
  return transports ? transports.split(",") : undefined;
}
