import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { test } from "node:test";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { createAccount } from "@/lib/accounts/create-account";
import { findPendingSignIn, startPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { acceptKeySignature, keySignInOptions } from "./authentication";
import { relyingParty } from "./relying-party";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.70", userAgent: "Mozilla/5.0" };
let users = 0;

/**
 * A software security key: a P-256 key pair whose public half is stored as the user's key (COSE, as a
 * browser reports it), and which signs assertions the way an authenticator does.
 */
function softwareKey() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const coordinate = (value: string | undefined) => Buffer.from(value as string, "base64url");
  // CBOR map {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
  const cose = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    coordinate(jwk.x),
    Buffer.from([0x22, 0x58, 0x20]),
    coordinate(jwk.y),
  ]);
  return {
    privateKey,
    publicKey: cose.toString("base64url"),
    credentialId: Buffer.from(`key-${++users}-${Date.now()}`).toString("base64url"),
  };
}

function assertion(key: { privateKey: KeyObject; credentialId: string }, challenge: string, counter: number): AuthenticationResponseJSON {
  const rp = relyingParty();
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter);
  const authenticatorData = Buffer.concat([createHash("sha256").update(rp.id).digest(), Buffer.from([0x01]), counterBytes]);
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: rp.origin, crossOrigin: false }));
  const signature = sign(
    "sha256",
    Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]),
    key.privateKey,
  );
  return {
    id: key.credentialId,
    rawId: key.credentialId,
    type: "public-key",
    clientExtensionResults: {},
    response: {
      authenticatorData: authenticatorData.toString("base64url"),
      clientDataJSON: clientDataJSON.toString("base64url"),
      signature: signature.toString("base64url"),
    },
  };
}

/** An account with one registered software key, waiting for its second step, and that step's challenge. */
async function waitingWithKey() {
  const name = `keyuser${++users}`;
  const { user } = await createAccount({
    email: `${name}@example.com`,
    username: name,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: new Date() } });
  const key = softwareKey();
  await db().securityKey.create({
    data: { userId: user.id, name: "Software key", credentialId: key.credentialId, publicKey: key.publicKey },
  });
  const pending = (await findPendingSignIn(
    await startPendingSignIn(await db().user.findUniqueOrThrow({ where: { id: user.id } }), client),
  )) as PendingSignIn;
  const options = await keySignInOptions(pending);
  assert.ok(options && options !== "ended");
  return { user, key, pending, challenge: options.challenge };
}

test("the account's own key signing this sign-in's challenge is accepted, once", async () => {
  const { key, pending, challenge } = await waitingWithKey();
  const answer = assertion(key, challenge, 1);
  assert.equal(await acceptKeySignature(pending, answer), true);
  assert.equal(await acceptKeySignature(pending, answer), false, "the challenge was used up: a replay is refused");
  const stored = await db().securityKey.findUniqueOrThrow({ where: { credentialId: key.credentialId } });
  assert.equal(stored.counter, 1n);
  assert.ok(stored.lastUsedAt);
});

test("another account's key is refused, even with a valid signature over this sign-in's challenge", async () => {
  const victim = await waitingWithKey();
  const attacker = await waitingWithKey();
  assert.equal(await acceptKeySignature(victim.pending, assertion(attacker.key, victim.challenge, 1)), false);
  const attackerKey = await db().securityKey.findUniqueOrThrow({ where: { credentialId: attacker.key.credentialId } });
  assert.equal(attackerKey.counter, 0n, "nothing was recorded against the other account's key");
});

test("a signature over another sign-in's challenge, or by another private key, is refused", async () => {
  const first = await waitingWithKey();
  const second = await startPendingSignIn(await db().user.findUniqueOrThrow({ where: { id: first.user.id } }), client);
  const otherPending = (await findPendingSignIn(second)) as PendingSignIn;
  const otherOptions = await keySignInOptions(otherPending);
  assert.ok(otherOptions && otherOptions !== "ended");
  assert.equal(
    await acceptKeySignature(first.pending, assertion(first.key, otherOptions.challenge, 1)),
    false,
    "bound to its own pending sign-in",
  );

  const again = await waitingWithKey();
  const forged = { ...softwareKey(), credentialId: again.key.credentialId };
  assert.equal(
    await acceptKeySignature(again.pending, assertion(forged, again.challenge, 1)),
    false,
    "a copied credential id without the private key",
  );
});

test("a signature counter that does not grow (a cloned key) is refused", async () => {
  const { user, key, pending, challenge } = await waitingWithKey();
  await db().securityKey.updateMany({ where: { userId: user.id }, data: { counter: 5n } });
  assert.equal(await acceptKeySignature(pending, assertion(key, challenge, 5)), false);
});
