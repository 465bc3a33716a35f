import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { recordAudit } from "@/lib/audit";
import { db, type User } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { securityKeyAddedEmail } from "./emails";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { turnOnTwoFactorWith } from "@/lib/two-factor/enable";
import { CEREMONY_TIMEOUT_MS, relyingParty } from "./relying-party";

/**
 * Starts adding a key from a signed-in session: the challenge is kept on that session, for the
 * ceremony's timeout, and is good for one registration.
 */
export async function beginKeyRegistration(
  user: Pick<User, "id" | "username">,
  sessionId: string,
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
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
    timeout: CEREMONY_TIMEOUT_MS,
  });
  await db().session.update({
    where: { id: sessionId },
    data: { keyChallenge: options.challenge, keyChallengeExpiresAt: new Date(Date.now() + CEREMONY_TIMEOUT_MS) },
  });
  return options;
}

export type KeyRegistrationResult =
  { status: "added"; keyId: string; codes: string[] | null } | { status: "expired" | "invalid" | "already-registered" };

/**
 * Checks the browser's answer against this session's challenge (used up whatever the outcome) and
 * stores the key. The first second factor of the account turns 2FA on and returns its backup codes.
 */
export async function finishKeyRegistration(options: {
  user: Pick<User, "id" | "email" | "username">;
  sessionId: string;
  name: string;
  response: RegistrationResponseJSON;
  client: RequestContext;
}): Promise<KeyRegistrationResult> {
  const challenge = await takeRegistrationChallenge(options.sessionId);
  if (!challenge) return { status: "expired" };

  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: options.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return { status: "invalid" };

  const { credential } = verification.registrationInfo;
  const stored = await db()
    .$transaction(async (tx) => {
      const key = await tx.securityKey.create({
        data: {
          userId: options.user.id,
          name: options.name,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString("base64url"),
          counter: BigInt(credential.counter),
          transports: credential.transports?.join(",") || null,
        },
      });
      await recordAudit(tx, {
        action: "security_key.added",
        actorId: options.user.id,
        targetUserId: options.user.id,
        ip: options.client.ip ?? null,
        details: options.name,
      });
      const codes = await turnOnTwoFactorWith(tx, options.user, "security key", options.client);
      // The first key's news is "two-factor authentication is on"; later keys get their own email.
      if (!codes)
        await enqueueEmail(
          tx,
          options.user.email,
          securityKeyAddedEmail({ username: options.user.username, keyName: options.name, event: accountEvent(options.client) }),
        );
      return { keyId: key.id, codes };
    })
    .catch((error: unknown) => {
      // The credential id is unique: a key already registered here, to this account or another.
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!stored) return { status: "already-registered" };
  notifyOutbox();
  return { status: "added", ...stored };
}

/** The session's pending challenge, cleared so that it serves one answer only; null when none is live. */
async function takeRegistrationChallenge(sessionId: string): Promise<string | null> {
  const session = await db().session.findUnique({ where: { id: sessionId }, select: { keyChallenge: true, keyChallengeExpiresAt: true } });
  if (!session?.keyChallenge || !session.keyChallengeExpiresAt) return null;
  const taken = await db().session.updateMany({
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
