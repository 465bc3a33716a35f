import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { listSecurityKeys, removeSecurityKey, renameSecurityKey } from "./manage";

freshDatabaseForEachFile();

const client = { ip: "192.0.2.60", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" };
let users = 0;

/** A user whose second factors are `keys` security keys (and an authenticator app when `app`). */
async function withKeys(keys: number, app = false) {
  users++;
  const { user: created } = await createAccount({
    email: `keys${users}@example.com`,
    username: `keys${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const user = await db().user.update({
    where: { id: created.id },
    data: { twoFactorEnabledAt: new Date(), totpEnabledAt: app ? new Date() : null },
  });
  const ids: string[] = [];
  for (let index = 0; index < keys; index++) {
    const key = await db().securityKey.create({
      data: { userId: user.id, name: `Key ${index + 1}`, credentialId: `${user.id}-${index}`, publicKey: "cHVibGlj" },
    });
    ids.push(key.id);
  }
  return { user, ids };
}

test("removing a key audits it and emails the user, naming the key but no secret", async () => {
  const { user, ids } = await withKeys(2);
  assert.equal(await removeSecurityKey({ userId: user.id, keyId: ids[0] as string, client }), "removed");
  assert.deepEqual(
    (await listSecurityKeys(user.id)).map((key) => key.name),
    ["Key 2"],
  );
  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "security_key.removed" } });
  assert.deepEqual(
    audit.map((entry) => [entry.details, entry.ip]),
    [["Key 1", client.ip]],
  );
  const [mail] = await db().outboxEmail.findMany({ where: { to: user.email } });
  assert.match(mail?.subject ?? "", /A security key was removed/);
  assert.match(mail?.text ?? "", /“Key 1”/);
  assert.match(mail?.text ?? "", /Firefox .* IP address 192\.0\.2\.60/);
  assert.doesNotMatch(mail?.text ?? "", /cHVibGlj|-0\b/);
});

test("the last second factor is not removed on its own; beside an app it is", async () => {
  const only = await withKeys(1);
  assert.equal(await removeSecurityKey({ userId: only.user.id, keyId: only.ids[0] as string, client }), "last-second-factor");
  assert.equal(await db().securityKey.count({ where: { userId: only.user.id } }), 1);

  const withApp = await withKeys(1, true);
  assert.equal(await removeSecurityKey({ userId: withApp.user.id, keyId: withApp.ids[0] as string, client }), "removed");
});

test("of two removals at once of an account's last two keys, one is refused", async () => {
  const { user, ids } = await withKeys(2);
  const results = await Promise.all(
    ids.map((keyId) => removeSecurityKey({ userId: user.id, keyId, client }).catch((error: Error) => error.message)),
  );
  assert.equal(results.filter((result) => result === "removed").length, 1, results.join(", "));
  assert.equal(await db().securityKey.count({ where: { userId: user.id } }), 1);
});

test("another account's key can be neither renamed nor removed", async () => {
  const owner = await withKeys(2);
  const stranger = await withKeys(1);
  const keyId = owner.ids[0] as string;
  assert.equal(await removeSecurityKey({ userId: stranger.user.id, keyId, client }), "not-found");
  assert.equal(await renameSecurityKey({ userId: stranger.user.id, keyId, name: "Mine now", ip: client.ip }), false);
  assert.deepEqual(
    (await listSecurityKeys(owner.user.id)).map((key) => key.name),
    ["Key 1", "Key 2"],
  );
  assert.equal(await renameSecurityKey({ userId: owner.user.id, keyId, name: "Blue key", ip: client.ip }), true);
  assert.deepEqual(
    (await listSecurityKeys(owner.user.id)).map((key) => key.name),
    ["Blue key", "Key 2"],
  );
});
