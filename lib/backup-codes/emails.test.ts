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
  assert.match(text(4), /You have 4 unused backup codes left\.\n/, "and nothing more when four or more remain");
  assert.match(text(3), /You have 3 unused backup codes left\. Generate a new set soon/);
  assert.match(text(1), /You have 1 unused backup code left\. Generate a new set soon/);
  assert.match(text(9), /check that the codes you saved still work, without using one up/);
  assert.match(text(9), /Check your backup codes:\shttp:\/\/keyring\.test\/settings\/two-factor#check-backup-code/);
  assert.ok(text(9).includes(notMe), 'the email carries its own "This wasn\'t me" link');
});

test("the code-used email closes with what to do if it was not you", async () => {
  const { backupCodeUsedEmail } = await import("./emails");
  const email = backupCodeUsedEmail({
    username: "ada",
    event: byAccount,
    remaining: 9,
    notMe: "http://keyring.test/auth/not-me?token=abc",
  });
  assert.match(email.text, /If this was not you, use the link above, then generate new backup codes once you are back in\./);
});

test("the 'few codes left' check-up greets the user, counts the codes in words that agree, and links to a new set", async () => {
  const { backupCodesCheckupEmail } = await import("./emails");
  const low = (remaining: number) =>
    backupCodesCheckupEmail({ username: "ada", reason: "low", remaining, confirmedSince: null, checkupDays: 180 });
  assert.equal(low(1).subject, "Only 1 unused backup code left for your Keyring account");
  assert.equal(low(3).subject, "Only 3 unused backup codes left for your Keyring account");
  const text = low(2).text;
  assert.match(text, /^Hello @ada,/);
  assert.match(
    text,
    /Your Keyring account has 2 unused backup codes left\. When they run out, losing your phone or security key could lock you out\./,
  );
  assert.match(text, /Generate a new set and save it: your old codes stop working when you do\./);
  assert.match(text, /Generate new backup codes:\shttp:\/\/keyring\.test\/settings\/two-factor\/backup-codes/);
  assert.match(text, /We send this reminder once\. You can turn these reminders off on the Two-factor page\./);
});

test("the 'too long ago' check-up says when the codes were last confirmed, or that it was over the period, and links to the check", async () => {
  const { backupCodesCheckupEmail } = await import("./emails");
  const stale = (confirmedSince: Date | null) =>
    backupCodesCheckupEmail({ username: "ada", reason: "stale", remaining: 10, confirmedSince, checkupDays: 180 }).text;
  assert.match(stale(AT), /^Hello @ada,/);
  assert.match(stale(AT), /Your backup codes were last confirmed on .*2026.*, over 180 days ago\. Make sure you still have them/);
  assert.match(
    stale(null),
    /\n\s*Over 180 days ago\. Make sure you still have them: type one on the Two-factor page\. Checking a code does not use it up\./,
  );
  assert.match(stale(null), /If you cannot find your codes, generate a new set and save it\./);
  assert.match(stale(null), /Check a backup code:\shttp:\/\/keyring\.test\/settings\/two-factor#check-backup-code/);
});
