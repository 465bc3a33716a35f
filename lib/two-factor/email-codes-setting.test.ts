import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { auditOf, browser, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { setEmailCodes } from "./email-codes-setting";

freshDatabaseForEachFile();
process.env.APP_NAME = "Keyring";

const withTwoFactor = async () => {
  const user = await newAccount();
  return db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: new Date() } });
};

test("codes by email can be turned on only with two-factor authentication on: a fallback, never the only factor", async () => {
  const user = await newAccount();
  assert.equal(await setEmailCodes(user.id, true, browser), false);
  assert.equal((await reload(user.id)).emailCodesEnabled, false);
  assert.deepEqual(await auditOf(user.id, "email_codes.enabled"), []);
  assert.deepEqual(await outboxTo(user.email), []);
});

test("turning codes by email on and off changes that account only, audits each change and emails the user", async () => {
  const user = await withTwoFactor();
  const other = await withTwoFactor();

  assert.equal(await setEmailCodes(user.id, true, browser), true);
  assert.equal((await reload(user.id)).emailCodesEnabled, true);
  assert.equal((await reload(other.id)).emailCodesEnabled, false);
  const [enabled] = await auditOf(user.id, "email_codes.enabled");
  assert.equal(enabled?.actorId, user.id);
  assert.equal(enabled?.ip, browser.ip);
  assert.deepEqual(
    (await outboxTo(user.email)).map((email) => email.subject),
    ["Sign-in codes by email are on for your Keyring account"],
  );
  assert.equal(await setEmailCodes(user.id, true, browser), false, "already on: nothing changes");
  assert.equal((await outboxTo(user.email)).length, 1);

  assert.equal(await setEmailCodes(user.id, false, { ip: null }), true);
  assert.equal((await reload(user.id)).emailCodesEnabled, false);
  const [disabled] = await auditOf(user.id, "email_codes.disabled");
  assert.equal(disabled?.ip, null);
  assert.equal((await outboxTo(user.email)).at(-1)?.subject, "Sign-in codes by email are off for your Keyring account");
  assert.equal(await setEmailCodes(user.id, false, browser), false);
  assert.equal((await outboxTo(user.email)).length, 2);
  assert.deepEqual(await outboxTo(other.email), []);
});

test("codes by email can be turned off even once two-factor authentication is off", async () => {
  const user = await withTwoFactor();
  await setEmailCodes(user.id, true, browser);
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: null } });
  assert.equal(await setEmailCodes(user.id, false, browser), true);
  assert.equal((await reload(user.id)).emailCodesEnabled, false);
});
