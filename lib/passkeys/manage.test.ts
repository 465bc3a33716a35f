import assert from "node:assert/strict";
import { test } from "node:test";
import { disableTwoFactorForUser } from "@/lib/admin/two-factor";
import { db, type User } from "@/lib/db/client";
import { OPERATOR } from "@/lib/request/context";
import { listSecurityKeys, removeSecurityKey, renameSecurityKey } from "@/lib/security-keys/manage";
import { beginKeyRegistration } from "@/lib/security-keys/registration";
import { addKey } from "@/lib/two-factor/add-key";
import { relyingParty } from "@/lib/security-keys/relying-party";
import { auditOf, newAccount, newSession, outboxTo, reload } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { registration, softwareKey } from "@/lib/test-support/software-key";
import { disableTwoFactor } from "@/lib/two-factor/disable";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.93", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

/** Adds a passkey (or a security key) the way the settings do, answered by a software authenticator. */
async function add(
  user: User,
  options: {
    kind?: "passkey" | "security-key";
    userVerified?: boolean;
    backedUp?: boolean;
    discoverable?: boolean;
    name?: string;
    key?: ReturnType<typeof softwareKey>;
  } = {},
) {
  const sessionId = (await newSession(user.id)).id;
  const kind = options.kind ?? "passkey";
  const creation = await beginKeyRegistration(user, sessionId, kind);
  const rp = relyingParty();
  const response = registration(options.key ?? softwareKey(), {
    challenge: creation.challenge,
    rpId: rp.id,
    origin: rp.origin,
    userVerified: options.userVerified ?? true,
    backedUp: options.backedUp,
    discoverable: options.discoverable,
  });
  return { creation, result: await addKey({ user, sessionId, name: options.name ?? "Phone", response, client, kind }) };
}

test("a passkey is asked for as discoverable and user-verified, stored with its backup flags, audited and emailed", async () => {
  const user = await newAccount();
  const { creation, result } = await add(user, { backedUp: true, discoverable: true });
  assert.equal(creation.authenticatorSelection?.residentKey, "required");
  assert.equal(creation.authenticatorSelection?.userVerification, "required");
  assert.equal(result.status, "added");
  assert.equal(result.status === "added" && result.codes, null, "a passkey does not turn two-factor authentication on");
  assert.equal((await reload(user.id)).twoFactorEnabledAt, null);
  const [listed] = await listSecurityKeys(user.id, { passkeys: true });
  assert.equal(listed?.name, "Phone");
  assert.equal(listed?.backedUp, true);
  assert.equal(listed?.multiDevice, true);
  assert.deepEqual(await listSecurityKeys(user.id), [], "not listed among the security keys");
  assert.deepEqual(
    (await auditOf(user.id, "passkey.added")).map((row) => row.details),
    ["Phone"],
  );
  const [mail] = await outboxTo(user.email);
  assert.equal(mail?.subject, "A passkey was added to your Keyring account");
  assert.match(mail?.text ?? "", /“Phone” .* without your password/);
});

test("a passkey whose authenticator did not verify the user, or that is not discoverable, is refused", async () => {
  const user = await newAccount();
  assert.equal((await add(user, { userVerified: false })).result.status, "invalid");
  assert.equal((await add(user, { discoverable: false })).result.status, "not-discoverable");
  assert.equal((await add(user, { kind: "security-key", userVerified: false })).result.status, "added", "a security key need not");
  assert.equal(await db().securityKey.count({ where: { userId: user.id, passkey: true } }), 0);
});

test("a device-bound passkey says so; renaming and removing are audited, removal emailed", async () => {
  const user = await newAccount();
  const { result } = await add(user);
  assert.equal(result.status, "added");
  const keyId = result.status === "added" ? result.keyId : "";
  const [listed] = await listSecurityKeys(user.id, { passkeys: true });
  assert.equal(listed?.multiDevice, false);
  assert.equal(listed?.backedUp, false);
  assert.equal(await renameSecurityKey({ userId: user.id, keyId, name: "Old phone", ip: client.ip }), true);
  assert.equal(await removeSecurityKey({ userId: user.id, keyId, client }), "removed", "2FA is off: no second factor to keep");
  assert.deepEqual(
    (await auditOf(user.id)).filter((row) => row.action.startsWith("passkey.")).map((row) => [row.action, row.details]),
    [
      ["passkey.added", "Phone"],
      ["passkey.renamed", "Old phone"],
      ["passkey.removed", "Old phone"],
    ],
  );
  assert.equal((await outboxTo(user.email)).at(-1)?.subject, "A passkey was removed from your Keyring account");
});

test("with 2FA on, a passkey left as the only second factor is kept", async () => {
  const user = await newAccount();
  const key = await add(user, { kind: "security-key" });
  const passkey = await add(user);
  assert.ok((await reload(user.id)).twoFactorEnabledAt, "the security key turned 2FA on");
  const id = (added: typeof key) => (added.result.status === "added" ? added.result.keyId : "");
  assert.equal(await removeSecurityKey({ userId: user.id, keyId: id(key), client }), "removed");
  assert.equal(await removeSecurityKey({ userId: user.id, keyId: id(passkey), client }), "last-second-factor");
});

test("turning 2FA off keeps the passkeys; an administrator or the operator removes them too", async () => {
  const own = await newAccount();
  await add(own, { kind: "security-key" });
  await add(own);
  assert.equal(await disableTwoFactor(own.id, { actorId: own.id, ip: client.ip }), "disabled");
  assert.deepEqual(await db().securityKey.findMany({ where: { userId: own.id }, select: { passkey: true } }), [{ passkey: true }]);

  const admin = await newAccount("ADMIN");
  for (const by of [{ actorId: admin.id, ip: client.ip }, OPERATOR]) {
    const user = await newAccount();
    await add(user, { kind: "security-key" });
    await add(user);
    await disableTwoFactorForUser(user.id, by);
    assert.equal(await db().securityKey.count({ where: { userId: user.id } }), 0);
  }
});

test("the first security key turns 2FA on with 10 backup codes and says so; a later one is added and mailed as a key; the same key twice is refused", async () => {
  const user = await newAccount();
  const first = (await add(user, { kind: "security-key", name: "Blue key" })).result;
  assert.equal(first.status, "added");
  assert.equal(first.status === "added" && first.codes?.length, 10);
  assert.ok((await reload(user.id)).twoFactorEnabledAt);
  const [enabled] = await auditOf(user.id, "two_factor.enabled");
  assert.deepEqual([enabled?.details, enabled?.ip], ["security key", "192.0.2.93"]);
  const [added] = await auditOf(user.id, "security_key.added");
  assert.deepEqual([added?.details, added?.ip, added?.actorId], ["Blue key", "192.0.2.93", user.id]);
  assert.deepEqual(
    (await outboxTo(user.email)).map((mail) => mail.subject),
    ["Two-factor authentication is on for your Keyring account"],
    "the first key's news is that 2FA is on",
  );

  const key = softwareKey();
  const second = (await add(user, { kind: "security-key", name: "Spare key", key })).result;
  assert.equal(second.status === "added" && second.codes, null, "no new codes");
  assert.equal((await outboxTo(user.email)).at(-1)?.subject, "A security key was added to your Keyring account");
  assert.match((await outboxTo(user.email)).at(-1)?.text ?? "", /Spare key/);

  assert.deepEqual((await add(user, { kind: "security-key", name: "Again", key })).result, { status: "already-registered" });
  assert.deepEqual(
    (await add(await newAccount(), { kind: "security-key", key })).result,
    { status: "already-registered" },
    "or on another account",
  );
  assert.equal(await db().securityKey.count({ where: { userId: user.id } }), 2);
});
