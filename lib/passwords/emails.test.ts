import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";

before(() => {
  // The emails read the app's name and URL from the configuration: an embedded set-up in a folder of its own.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "keyring-test-"));
  process.env.APP_NAME = "Keyring";
  process.env.APP_URL = "http://keyring.test";
});

const event = { at: new Date("2026-03-04T05:06:00Z"), by: "account", ip: "203.0.113.9", userAgent: null } as const;
const notMe = "http://keyring.test/auth/not-me?token=abc";

test("the password-changed email says how the password was changed and which sessions were signed out", async () => {
  const { passwordChangedEmail } = await import("./emails");
  const email = (via: "reset" | "settings" | "operator") => passwordChangedEmail({ username: "ada", via, event, notMe });
  assert.equal(email("settings").subject, "Your Keyring password was changed");
  assert.match(email("settings").text, /^Hello @ada,/);

  const reset = email("reset").text;
  assert.match(reset, /The password of your Keyring account was reset with a link sent to this address\./);
  assert.match(reset, /Every session was signed out: sign in again with the new password on each of your devices\./);

  const settings = email("settings").text;
  assert.match(settings, /The password of your Keyring account was changed in Preferences\./);
  assert.match(settings, /Every other session was signed out: sign in again with the new password on your other devices\./);

  const operator = email("operator").text;
  assert.match(
    operator,
    /The server's operator set a new password for your Keyring account; ask them for it, or choose your own with "Forgot password\?"\./,
  );
  assert.match(operator, /Every session was signed out: sign in again with the new password on each of your devices\./);
});

test("the password-changed email says when, links to sign in and to 'This wasn't me', and what to do if it was not you", async () => {
  const { passwordChangedEmail } = await import("./emails");
  const { text } = passwordChangedEmail({ username: "ada", via: "settings", event, notMe });
  assert.match(text, /When: .*2026/);
  assert.match(text, /From: .*203\.0\.113\.9/);
  assert.match(text, /Sign in:\shttp:\/\/keyring\.test\/auth\/sign-in\n/);
  assert.ok(text.includes(notMe), 'the email carries its own "This wasn\'t me" link');
  assert.match(
    text,
    /If you did not do this, someone else may have your password or access to this email account: secure your email, then choose a new password with "Forgot password\?" on the sign-in page, and contact the administrators\./,
  );
});
