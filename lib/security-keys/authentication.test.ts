import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { findPendingSignIn, startPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { assertion, softwareKey, type SoftwareKey } from "@/lib/test-support/software-key";
import { acceptKeySignature, keySignInOptions } from "./authentication";
import { relyingParty } from "./relying-party";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.70", userAgent: "Mozilla/5.0" };
let users = 0;

function signed(key: Pick<SoftwareKey, "privateKey" | "credentialId">, challenge: string, counter: number) {
  const rp = relyingParty();
  return assertion(key, { challenge, counter, rpId: rp.id, origin: rp.origin });
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
  const answer = signed(key, challenge, 1);
  assert.equal(await acceptKeySignature(pending, answer), true);
  assert.equal(await acceptKeySignature(pending, answer), false, "the challenge was used up: a replay is refused");
  const stored = await db().securityKey.findUniqueOrThrow({ where: { credentialId: key.credentialId } });
  assert.equal(stored.counter, 1n);
  assert.ok(stored.lastUsedAt);
});

test("another account's key is refused, even with a valid signature over this sign-in's challenge", async () => {
  const victim = await waitingWithKey();
  const attacker = await waitingWithKey();
  assert.equal(await acceptKeySignature(victim.pending, signed(attacker.key, victim.challenge, 1)), false);
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
    await acceptKeySignature(first.pending, signed(first.key, otherOptions.challenge, 1)),
    false,
    "bound to its own pending sign-in",
  );

  const again = await waitingWithKey();
  const forged = { ...softwareKey(), credentialId: again.key.credentialId };
  assert.equal(
    await acceptKeySignature(again.pending, signed(forged, again.challenge, 1)),
    false,
    "a copied credential id without the private key",
  );
});

test("a signature counter that does not grow (a cloned key) is refused", async () => {
  const { user, key, pending, challenge } = await waitingWithKey();
  await db().securityKey.updateMany({ where: { userId: user.id }, data: { counter: 5n } });
  assert.equal(await acceptKeySignature(pending, signed(key, challenge, 5)), false);
  const mail = await db().outboxEmail.findMany({ where: { to: user.email } });
  assert.deepEqual(
    mail.map((email) => email.subject),
    ["Your security key may have been copied"],
  );
  assert.match(mail[0]?.text ?? "", /“Software key” .* counter that did not grow/);
});
