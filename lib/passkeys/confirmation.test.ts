import assert from "node:assert/strict";
import { test } from "node:test";
import { db, type User } from "@/lib/db/client";
import { relyingParty } from "@/lib/security-keys/relying-party";
import { newAccount, newSession } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { assertion, softwareKey, type SoftwareKey } from "@/lib/test-support/software-key";
import { verifySecondFactor } from "@/lib/two-factor/verify";
import { passkeyConfirmationOptions } from "./confirmation";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.91", userAgent: "Mozilla/5.0" };

async function signedInWithPasskey(options: { passkey?: boolean } = {}): Promise<{ user: User; key: SoftwareKey; sessionId: string }> {
  const user = await newAccount();
  const key = softwareKey();
  await db().securityKey.create({
    data: { userId: user.id, name: "Laptop", credentialId: key.credentialId, publicKey: key.publicKey, passkey: options.passkey ?? true },
  });
  return { user, key, sessionId: (await newSession(user.id)).id };
}

async function confirmation(
  subject: { user: User; key: SoftwareKey; sessionId: string },
  overrides: { userVerified?: boolean; counter?: number; place?: "sudo" | "admin-action" | "disable-two-factor"; sessionId?: string } = {},
) {
  const options = await passkeyConfirmationOptions(subject.user.id, subject.sessionId);
  assert.ok(options, "the account has a passkey");
  assert.equal(options.userVerification, "required");
  const rp = relyingParty();
  const response = assertion(subject.key, {
    challenge: options.challenge,
    counter: overrides.counter ?? 1,
    rpId: rp.id,
    origin: rp.origin,
    userVerified: overrides.userVerified ?? true,
    userHandle: subject.user.id,
  });
  const context = {
    place: overrides.place ?? "sudo",
    userId: subject.user.id,
    sessionId: overrides.sessionId ?? subject.sessionId,
    client,
  };
  return { response, verify: () => verifySecondFactor({ method: "passkey", input: { response }, context }) };
}

test("a user-verified passkey confirms the sudo prompt and an admin action, once per challenge", async () => {
  const subject = await signedInWithPasskey();
  const sudo = await confirmation(subject);
  assert.equal((await sudo.verify()).status, "verified");
  const replayed = await sudo.verify();
  assert.equal(replayed.status, "wrong-code", "the session's challenge was used up");
  const admin = await confirmation(subject, { place: "admin-action", counter: 2 });
  assert.equal((await admin.verify()).status, "verified");
});

test("without user verification, or answering another session's challenge, it is refused and counted", async () => {
  const subject = await signedInWithPasskey();
  assert.equal((await (await confirmation(subject, { userVerified: false })).verify()).status, "wrong-code");
  const otherSession = (await newSession(subject.user.id)).id;
  assert.equal((await (await confirmation(subject, { sessionId: otherSession })).verify()).status, "wrong-code");
  const stored = await db().user.findUniqueOrThrow({ where: { id: subject.user.id } });
  assert.equal(stored.secondFactorFailures, 2);
  const audit = await db().auditLog.findMany({ where: { targetUserId: subject.user.id, action: "second_factor.failed" } });
  assert.equal(audit.length, 2);
});

test("another account's passkey, or a security key, does not confirm", async () => {
  const subject = await signedInWithPasskey();
  const stranger = await signedInWithPasskey();
  const strangersAnswer = await confirmation(stranger);
  const result = await verifySecondFactor({
    method: "passkey",
    input: { response: strangersAnswer.response },
    context: { place: "sudo", userId: subject.user.id, sessionId: stranger.sessionId, client },
  });
  assert.equal(result.status, "wrong-code");

  const withKey = await signedInWithPasskey({ passkey: false });
  assert.equal(await passkeyConfirmationOptions(withKey.user.id, withKey.sessionId), null);
  const forced = await verifySecondFactor({
    method: "passkey",
    input: { response: strangersAnswer.response },
    context: { place: "sudo", userId: withKey.user.id, sessionId: withKey.sessionId, client },
  });
  assert.equal(forced.status, "unavailable", "an account without a passkey is not asked for one");
});

test("a passkey is not taken where only a code is (turning 2FA off)", async () => {
  const subject = await signedInWithPasskey();
  assert.equal((await (await confirmation(subject, { place: "disable-two-factor" })).verify()).status, "unavailable");
});
