import assert from "node:assert/strict";
import { test } from "node:test";
import { db, type User } from "@/lib/db/client";
import { relyingParty } from "@/lib/security-keys/relying-party";
import { newAccount, outboxTo } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { assertion, softwareKey, type SoftwareKey } from "@/lib/test-support/software-key";
import { randomToken } from "@/lib/tokens/random";
import { issuePasskeyChallenge } from "./challenge";
import { signInWithPasskey } from "./sign-in";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.90", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

/** An account with one passkey (or, with `passkey: false`, one security key) held by a software authenticator. */
async function withPasskey(options: { passkey?: boolean } = {}): Promise<{ user: User; key: SoftwareKey }> {
  const user = await newAccount();
  const key = softwareKey();
  await db().securityKey.create({
    data: { userId: user.id, name: "Phone", credentialId: key.credentialId, publicKey: key.publicKey, passkey: options.passkey ?? true },
  });
  return { user, key };
}

/** A sign-in page's challenge, answered by `key` as the browser would send it, unless told otherwise. */
async function answer(
  key: SoftwareKey,
  userHandle: string,
  overrides: { counter?: number; userVerified?: boolean; rpId?: string; origin?: string; backedUp?: boolean } = {},
) {
  const { binding, options } = await issuePasskeyChallenge();
  const rp = relyingParty();
  const response = assertion(key, {
    challenge: options.challenge,
    counter: overrides.counter ?? 1,
    rpId: overrides.rpId ?? rp.id,
    origin: overrides.origin ?? rp.origin,
    userVerified: overrides.userVerified ?? true,
    backedUp: overrides.backedUp,
    userHandle,
  });
  return { binding, response };
}

test("a user-verified passkey signs in alone, and its use is recorded", async () => {
  const { user, key } = await withPasskey();
  const { binding, response } = await answer(key, user.id, { counter: 3, backedUp: true });
  const result = await signInWithPasskey({ binding, response, client });
  assert.equal(result.status, "signed-in");
  assert.equal(result.status === "signed-in" && result.user.id, user.id);
  const stored = await db().securityKey.findUniqueOrThrow({ where: { credentialId: key.credentialId } });
  assert.equal(stored.counter, 3n);
  assert.ok(stored.lastUsedAt);
  assert.equal(stored.backedUp, true, "the backup flags are taken from the assertion");
});

test("a replayed assertion is refused: its challenge was used", async () => {
  const { user, key } = await withPasskey();
  const { binding, response } = await answer(key, user.id);
  assert.equal((await signInWithPasskey({ binding, response, client })).status, "signed-in");
  assert.equal((await signInWithPasskey({ binding, response, client })).status, "expired");
  const fresh = await issuePasskeyChallenge();
  assert.equal((await signInWithPasskey({ binding: fresh.binding, response, client })).status, "refused", "signed over another challenge");
});

test("an answer needs the page's binding, and a challenge over 5 minutes old is refused", async () => {
  const { user, key } = await withPasskey();
  const { response } = await answer(key, user.id);
  assert.equal((await signInWithPasskey({ binding: undefined, response, client })).status, "expired");
  assert.equal((await signInWithPasskey({ binding: randomToken(), response, client })).status, "expired");
  const late = await answer(key, user.id);
  const inSixMinutes = new Date(Date.now() + 6 * 60 * 1000);
  assert.equal((await signInWithPasskey({ ...late, client, now: inSixMinutes })).status, "expired");
});

test("an assertion without user verification is refused", async () => {
  const { user, key } = await withPasskey();
  assert.equal((await signInWithPasskey({ ...(await answer(key, user.id, { userVerified: false })), client })).status, "refused");
});

test("an assertion for another site (RP id or origin) is refused", async () => {
  const { user, key } = await withPasskey();
  assert.equal((await signInWithPasskey({ ...(await answer(key, user.id, { rpId: "evil.example" })), client })).status, "refused");
  assert.equal(
    (await signInWithPasskey({ ...(await answer(key, user.id, { origin: "https://evil.example" })), client })).status,
    "refused",
  );
  const stored = await db().securityKey.findUniqueOrThrow({ where: { credentialId: key.credentialId } });
  assert.equal(stored.lastUsedAt, null);
});

test("a counter that does not grow is refused and the owner is told the passkey may be copied", async () => {
  const { user, key } = await withPasskey();
  assert.equal((await signInWithPasskey({ ...(await answer(key, user.id, { counter: 7 })), client })).status, "signed-in");
  assert.equal((await signInWithPasskey({ ...(await answer(key, user.id, { counter: 7 })), client })).status, "cloned");
  assert.equal((await signInWithPasskey({ ...(await answer(key, user.id, { counter: 2 })), client })).status, "cloned");
  const mail = (await outboxTo(user.email)).map((email) => email.subject);
  assert.deepEqual(mail, ["Your passkey may have been copied", "Your passkey may have been copied"]);
  assert.equal((await db().securityKey.findUniqueOrThrow({ where: { credentialId: key.credentialId } })).counter, 7n);
});

test("the user handle must name the passkey's own account, and a security key does not sign in alone", async () => {
  const { user, key } = await withPasskey();
  const other = await newAccount();
  assert.equal((await signInWithPasskey({ ...(await answer(key, other.id)), client })).status, "unknown-passkey");
  const unknown = softwareKey();
  assert.equal((await signInWithPasskey({ ...(await answer(unknown, user.id)), client })).status, "unknown-passkey");
  const securityKey = await withPasskey({ passkey: false });
  assert.equal((await signInWithPasskey({ ...(await answer(securityKey.key, securityKey.user.id)), client })).status, "unknown-passkey");
});

test("attempts count on the account's sign-in limit: 10 in 15 minutes", async () => {
  const { user, key } = await withPasskey();
  for (let attempt = 0; attempt < 10; attempt++) {
    assert.equal((await signInWithPasskey({ ...(await answer(key, user.id, { userVerified: false })), client })).status, "refused");
  }
  const limited = await signInWithPasskey({ ...(await answer(key, user.id, { counter: 50 })), client });
  assert.equal(limited.status, "rate-limited");
});

test('an account locked down with "This wasn\'t me" cannot sign in with a passkey until its password is reset', async () => {
  const { user, key } = await withPasskey();
  await db().user.update({ where: { id: user.id }, data: { passwordResetRequiredAt: new Date() } });
  const { binding, response } = await answer(key, user.id, { counter: 5 });
  const result = await signInWithPasskey({ binding, response, client });
  assert.equal(result.status, "locked-down");
});
