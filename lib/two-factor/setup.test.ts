import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/encryption";
import { codeNow, wrongCode } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { acceptAuthenticatorCode, decryptTotpSecret } from "@/lib/two-factor/authenticator";
import { beginAuthenticatorSetup, confirmAuthenticatorSetup } from "@/lib/two-factor/setup";
import { groupKey } from "@/lib/two-factor/totp";

freshDatabaseForEachFile();

const IP = "192.0.2.20";
const CLIENT = { ip: IP, userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" };
const MINUTE = 60_000;
let users = 0;

async function newUser() {
  users++;
  const { user } = await createAccount({
    email: `setup${users}@example.com`,
    username: `setup${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  return user;
}
const confirm = async (userId: string, code: string) => (await confirmAuthenticatorSetup(userId, code, CLIENT)).status;
const reload = (id: string) => db().user.findUniqueOrThrow({ where: { id } });
/** A user with a setup started, as the setup page leaves it. */
async function withSetup() {
  const user = await newUser();
  const secret = await beginAuthenticatorSetup(user);
  return { user, secret };
}

test("reloading the setup page shows the same secret, stored only encrypted", async () => {
  const { user, secret } = await withSetup();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.equal(await beginAuthenticatorSetup(await reload(user.id)), secret);

  const row = await reload(user.id);
  assert.ok(row.pendingTotpSecret && row.pendingTotpCreatedAt);
  assert.ok(!row.pendingTotpSecret.includes(secret), "the column does not hold the secret");
  assert.equal(decryptTotpSecret(user.id, row.pendingTotpSecret), secret);
  assert.equal(row.totpSecret, null);
  assert.equal(row.totpEnabledAt, null, "starting a setup does not turn anything on");
});

test("a setup left for 30 minutes starts again with a new secret, and the old one no longer confirms", async () => {
  const { user, secret } = await withSetup();
  await db().user.update({ where: { id: user.id }, data: { pendingTotpCreatedAt: new Date(Date.now() - 30 * MINUTE - 1000) } });
  assert.equal(await confirm(user.id, codeNow(secret)), "expired");
  assert.equal((await reload(user.id)).totpEnabledAt, null);

  const fresh = await beginAuthenticatorSetup(await reload(user.id));
  assert.notEqual(fresh, secret);
  assert.equal(await confirm(user.id, codeNow(secret)), "wrong-code", "the old secret's code");
  assert.equal(await confirm(user.id, codeNow(fresh)), "enabled");
});

test("confirming without a setup in progress is expired", async () => {
  const user = await newUser();
  assert.equal(await confirm(user.id, "123456"), "expired");
});

test("a wrong code leaves two-factor authentication off", async () => {
  const { user, secret } = await withSetup();
  assert.equal(await confirm(user.id, wrongCode(secret)), "wrong-code");
  const row = await reload(user.id);
  assert.equal(row.totpEnabledAt, null);
  assert.equal(row.totpSecret, null);
  assert.ok(row.pendingTotpSecret, "the setup is still in progress");
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "two_factor.enabled" } }), 0);
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 0);
});

test("the right code turns it on: encrypted secret, code used up, audit row and email", async () => {
  const { user, secret } = await withSetup();
  const code = codeNow(secret);
  assert.equal(await confirm(user.id, code), "enabled");

  const row = await reload(user.id);
  assert.ok(row.totpSecret && row.totpEnabledAt);
  assert.notEqual(row.totpSecret, secret);
  assert.ok(!row.totpSecret.includes(secret));
  assert.equal(decryptTotpSecret(user.id, row.totpSecret), secret);
  // Encrypted under the configured ENCRYPTION_KEY, bound to this user, and under nothing else.
  assert.equal(decryptSecret(row.totpSecret, `totp:${user.id}`, config().encryptionKey), secret);
  assert.throws(() => decryptSecret(row.totpSecret as string, `totp:${user.id}`, Buffer.alloc(32, 7)));
  assert.throws(() => decryptSecret(row.totpSecret as string, `totp:${user.id}`, Buffer.alloc(32, 0)));
  assert.ok(row.totpLastUsedStep !== null && Math.abs(row.totpLastUsedStep - Math.floor(Date.now() / 30_000)) <= 1);
  assert.equal(row.pendingTotpSecret, null);
  assert.equal(row.pendingTotpCreatedAt, null);
  assert.equal(await acceptAuthenticatorCode(row, code), false, "the setup code cannot sign in as well");

  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "two_factor.enabled" } });
  assert.deepEqual(
    audit.map((entry) => [entry.actorId, entry.ip]),
    [[user.id, IP]],
  );
  assert.ok(!JSON.stringify(audit).includes(secret));

  const mail = await db().outboxEmail.findMany({ where: { to: user.email } });
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.subject ?? "", /Two-factor authentication is on/);
  for (const leak of [secret, groupKey(secret), code, row.totpSecret]) {
    assert.ok(!JSON.stringify(mail).includes(leak), "the email holds no secret or code");
  }
});

test("confirming again once it is on is already-enabled and changes nothing", async () => {
  const { user, secret } = await withSetup();
  assert.equal(await confirm(user.id, codeNow(secret)), "enabled");
  const before = await reload(user.id);
  assert.equal(await confirm(user.id, codeNow(secret)), "already-enabled");
  assert.deepEqual(await reload(user.id), before);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "two_factor.enabled" } }), 1);
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 1);
});

test("of two confirmations at the same moment, exactly one turns it on", async () => {
  const { user, secret } = await withSetup();
  const code = codeNow(secret);
  const results = await Promise.all([confirm(user.id, code), confirm(user.id, code)]);
  assert.deepEqual(results.sort(), ["already-enabled", "enabled"]);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "two_factor.enabled" } }), 1);
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 1);
  assert.equal(decryptTotpSecret(user.id, (await reload(user.id)).totpSecret ?? ""), secret);
});

test("as the first second factor it returns the first ten backup codes", async () => {
  const { user, secret } = await withSetup();
  const result = await confirmAuthenticatorSetup(user.id, codeNow(secret), CLIENT);
  assert.equal(result.status, "enabled");
  assert.equal(result.status === "enabled" && result.codes?.length, 10);
  assert.equal(await db().backupCode.count({ where: { userId: user.id, usedAt: null } }), 10);
  assert.ok((await reload(user.id)).twoFactorEnabledAt);
});

test("beside a security key it is added without new backup codes, and says so by email", async () => {
  const { user, secret } = await withSetup();
  const keyAddedAt = new Date(Date.now() - 60 * MINUTE);
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: keyAddedAt } });
  await db().backupCode.create({ data: { userId: user.id, digest: "kept-from-the-key" } });

  const result = await confirmAuthenticatorSetup(user.id, codeNow(secret), CLIENT);
  assert.deepEqual(result, { status: "enabled", codes: null });
  assert.deepEqual((await reload(user.id)).twoFactorEnabledAt, keyAddedAt);
  assert.deepEqual(
    (await db().backupCode.findMany({ where: { userId: user.id } })).map((code) => code.digest),
    ["kept-from-the-key"],
  );
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "authenticator.added" } }), 1);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "two_factor.enabled" } }), 0);
  const mail = await db().outboxEmail.findMany({ where: { to: user.email } });
  assert.deepEqual(
    mail.map((message) => message.subject),
    ["An authenticator app was added to your Keyring account"],
  );
});

test("a setup 29 minutes old is still the same: the page shows its secret and its code confirms", async () => {
  const { user, secret } = await withSetup();
  await db().user.update({ where: { id: user.id }, data: { pendingTotpCreatedAt: new Date(Date.now() - 29 * MINUTE) } });
  assert.equal(await beginAuthenticatorSetup(await reload(user.id)), secret);
  assert.equal(await confirm(user.id, codeNow(secret)), "enabled");
  const [enabled] = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "two_factor.enabled" } });
  assert.equal(enabled?.details, "authenticator app");
});

test("added beside a security key: the audit row has the address, the email names the account and the browser", async () => {
  const { user, secret } = await withSetup();
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: new Date() } });
  assert.equal(await confirm(user.id, codeNow(secret)), "enabled");
  const [added] = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "authenticator.added" } });
  assert.deepEqual([added?.actorId, added?.ip], [user.id, IP]);
  const [mail] = await db().outboxEmail.findMany({ where: { to: user.email } });
  assert.match(mail?.text ?? "", new RegExp(`@${user.username}`));
  assert.match(mail?.text ?? "", /Firefox/);
});
