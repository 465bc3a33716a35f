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

const sentBy = { at: new Date("2026-03-04T05:06:00Z"), by: "administrator", ip: null, userAgent: null } as const;

test("the reset email greets the user, gives the link's lifetime in words, and names the link's action", async () => {
  const { passwordResetEmail } = await import("./emails");
  const email = (lifetimeHours: number) => passwordResetEmail({ username: "ada", token: "t0ken", lifetimeHours }).text;
  assert.match(email(1), /^Hello @ada,/);
  assert.match(email(1), /The link works once and expires in one hour\./);
  assert.match(email(2), /The link works once and expires in 2 hours\./);
  assert.match(email(1), /Choose a new password:\shttp:\/\/keyring\.test\/auth\/password\/reset\?token=t0ken/);
});

test("a reset link sent by staff says who sent it, and what to do if it was not expected", async () => {
  const { passwordResetEmail } = await import("./emails");
  const text = passwordResetEmail({ username: "ada", token: "t0ken", lifetimeHours: 1, sentBy }).text;
  assert.match(text, /An administrator sent you this link to choose a new password for your Keyring account\./);
  assert.match(
    text,
    /If you did not expect this, contact the administrators\. Your password stays as it is until you choose a new one, and the link expires on its own\./,
  );
});

test("a reset link someone asked for says what it is for, that it signs you out everywhere, and to ignore it if unexpected", async () => {
  const { passwordResetEmail } = await import("./emails");
  const email = passwordResetEmail({ username: "ada", token: "to+ken/1", lifetimeHours: 1 });
  assert.equal(email.subject, "Reset your Keyring password");
  assert.match(
    email.text,
    /We received a request to reset the password of your Keyring account\. Open the link below to choose a new one\./,
  );
  assert.match(email.text, /The link works once and expires in one hour\. Choosing a new password signs you out everywhere\./);
  assert.match(email.text, /Choose a new password:\shttp:\/\/keyring\.test\/auth\/password\/reset\?token=to%2Bken%2F1\n/);
  assert.match(
    email.text,
    /If you did not ask for this, ignore this email: your password stays as it is, and the link expires on its own\./,
  );
  assert.doesNotMatch(email.text, /When:|From:/, "no staff event to describe");
});
