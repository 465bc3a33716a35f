import assert from "node:assert/strict";
import { before, test } from "node:test";
import { db } from "@/lib/db/client";
import { relyingParty } from "@/lib/security-keys/relying-party";
import { newAccount, newSession } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { assertion, softwareKey } from "@/lib/test-support/software-key";
import { issuePasskeyChallenge } from "./challenge";
import { hasUsablePasskey, passkeyConfirmationOptions } from "./confirmation";
import { signInWithPasskey } from "./sign-in";

freshDatabaseForEachFile();
// Before anything reads the configuration, which is read once per process.
before(() => {
  process.env.PASSKEYS = "forbidden";
});

test("PASSKEYS=forbidden: a passkey neither signs in nor confirms who one is", async () => {
  const user = await newAccount();
  const key = softwareKey();
  await db().securityKey.create({
    data: { userId: user.id, name: "Phone", credentialId: key.credentialId, publicKey: key.publicKey, passkey: true },
  });
  const { binding, options } = await issuePasskeyChallenge();
  const rp = relyingParty();
  const response = assertion(key, {
    challenge: options.challenge,
    counter: 1,
    rpId: rp.id,
    origin: rp.origin,
    userVerified: true,
    userHandle: user.id,
  });
  assert.equal((await signInWithPasskey({ binding, response, client: { ip: "192.0.2.92" } })).status, "forbidden");
  assert.equal(await hasUsablePasskey(user.id), false);
  assert.equal(await passkeyConfirmationOptions(user.id, (await newSession(user.id)).id), null);
});
