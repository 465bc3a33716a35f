import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";

const AT = new Date("2026-03-04T05:06:00Z");
const byAccount = { at: AT, by: "account", ip: "203.0.113.9", userAgent: null } as const;
const byAdmin = { at: AT, by: "administrator", ip: null, userAgent: null } as const;
const byOperator = { at: AT, by: "operator", ip: null, userAgent: null } as const;

before(() => {
  // The emails read the app's name and URL from the configuration: an embedded set-up in a folder of its own.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "keyring-test-"));
  process.env.APP_NAME = "Keyring";
  process.env.APP_URL = "http://keyring.test";
});

test("the regenerated-codes email says the old codes stopped working, who made the new set, and where to look", async () => {
  const { backupCodesRegeneratedEmail } = await import("./emails");
  const own = backupCodesRegeneratedEmail({ username: "ada", event: byAccount });
  assert.equal(own.subject, "New backup codes for your Keyring account");
  assert.match(own.text, /Hello @ada,/);
  assert.match(own.text, /A new set of backup codes was generated for your Keyring account\./);
  assert.match(own.text, /All of your earlier backup codes stopped working at that moment\./);
  assert.match(own.text, /Review your security settings:\shttp:\/\/keyring\.test\/settings\/two-factor/);
  assert.match(own.text, /If you did not do this, change your password now and contact the administrators\./);
  assert.doesNotMatch(own.text, /An administrator generated/);

  assert.match(backupCodesRegeneratedEmail({ username: "ada", event: byAdmin }).text, /An administrator generated a new set/);
  assert.match(backupCodesRegeneratedEmail({ username: "ada", event: byOperator }).text, /The server's operator generated a new set/);
});

test("the delivery email carries the single-use link, its lifetime, and who generated the codes", async () => {
  const { backupCodesDeliveryEmail } = await import("./emails");
  const email = backupCodesDeliveryEmail({ username: "ada", event: byAdmin, token: "to+ken/1", lifetimeHours: 24 });
  assert.equal(email.subject, "Your new Keyring backup codes are ready");
  assert.match(email.text, /Hello @ada,/);
  assert.match(
    email.text,
    /An administrator generated a new set of backup codes for your Keyring account\. Your old backup codes no longer work/,
  );
  assert.match(email.text, /It works once and expires in 24 hours\./);
  assert.match(email.text, /Get my backup codes:\shttp:\/\/keyring\.test\/auth\/backup-codes\?token=to%2Bken%2F1/);
  assert.match(email.text, /If you did not ask the administrators for this, change your password and contact them\./);
});

test("the code-used email says how many codes are left, to make new ones when three or fewer remain, and how to say it was not you", async () => {
  const { backupCodeUsedEmail } = await import("./emails");
  const notMe = "http://keyring.test/auth/not-me?token=abc";
  const text = (remaining: number) => backupCodeUsedEmail({ username: "ada", event: byAccount, remaining, notMe }).text;
  assert.match(text(9), /Hello @ada,/);
  assert.match(text(9), /one of your backup codes\. That code no longer works\./);
  assert.match(text(9), /You have 9 unused backup codes left\.(?! Generate)/);
  assert.match(text(4), /You have 4 unused backup codes left\.(?! Generate)/);
  assert.match(text(3), /You have 3 unused backup codes left\. Generate a new set soon/);
  assert.match(text(1), /You have 1 unused backup code left\. Generate a new set soon/);
  assert.match(text(9), /check that the codes you saved still work, without using one up/);
  assert.match(text(9), /Check your backup codes:\shttp:\/\/keyring\.test\/settings\/two-factor#check-backup-code/);
  assert.ok(text(9).includes(notMe), 'the email carries its own "This wasn\'t me" link');
});
