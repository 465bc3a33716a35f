import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { newAccount, notificationsDuring } from "@/lib/test-support/accounts";
import { withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { softwareKey } from "@/lib/test-support/software-key";
import { disableTwoFactor, turnOffEveryFactor } from "@/lib/two-factor/disable";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.41", userAgent: "Mozilla/5.0" };

async function withKeys() {
  const { user } = await withAuthenticatorOn((await newAccount()).id);
  for (const passkey of [false, true]) {
    const key = softwareKey();
    await db().securityKey.create({
      data: { userId: user.id, name: passkey ? "Phone" : "Yubikey", credentialId: key.credentialId, publicKey: key.publicKey, passkey },
    });
  }
  return user;
}
const keysOf = async (userId: string) =>
  (await db().securityKey.findMany({ where: { userId }, orderBy: { name: "asc" } })).map((key) => key.name);

test("turning 2FA off removes only that account's keys: its owner keeps the passkeys, staff remove them too", async () => {
  const owner = await withKeys();
  const bystander = await withKeys();
  const admin = await newAccount("ADMIN");

  assert.equal(await disableTwoFactor(owner.id, { ...client, actorId: owner.id }), "disabled");
  assert.deepEqual(await keysOf(owner.id), ["Phone"], "the owner keeps the passkey");
  assert.deepEqual(await keysOf(bystander.id), ["Phone", "Yubikey"]);

  const locked = await withKeys();
  assert.equal(await disableTwoFactor(locked.id, { ...client, actorId: admin.id }), "disabled");
  assert.deepEqual(await keysOf(locked.id), [], "staff remove the passkeys too");
  assert.deepEqual(await keysOf(bystander.id), ["Phone", "Yubikey"]);
  assert.deepEqual(await keysOf(owner.id), ["Phone"]);
});

test("the outbox is woken when 2FA was turned off, not when it was already off", async () => {
  const user = await withKeys();
  const disable = () => disableTwoFactor(user.id, { ...client, actorId: user.id });
  assert.equal(await notificationsDuring(async () => assert.equal(await disable(), "disabled")), 1);
  assert.equal(await notificationsDuring(async () => assert.equal(await disable(), "already-off")), 0);
});

test("while 2FA is required its owner cannot turn it off, staff can; an account without it is already off", async () => {
  const everyone = { settings: { policy: "everyone" as const, graceDays: 7 } };
  const user = await withKeys();
  const admin = await newAccount("ADMIN");
  assert.equal(await disableTwoFactor(user.id, { ...client, actorId: user.id }, everyone), "required");
  assert.deepEqual(await keysOf(user.id), ["Phone", "Yubikey"], "nothing was removed");
  assert.equal(await disableTwoFactor(user.id, { ...client, actorId: admin.id }, everyone), "disabled");

  const without = await db().user.update({ where: { id: (await newAccount()).id }, data: { twoFactorRequiredByAdmin: true } });
  assert.equal(await disableTwoFactor(without.id, { ...client, actorId: without.id }), "already-off");
});

test("turning every factor off does nothing for an account already off: no audit row, no email, keys kept", async () => {
  const user = await withKeys();
  const stale = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: null } });
  assert.equal(await turnOffEveryFactor(db(), stale, { ...client, actorId: user.id }, { removePasskeys: true }), false);
  assert.deepEqual(await keysOf(user.id), ["Phone", "Yubikey"]);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "two_factor.disabled" } }), 0);
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 0);
});
