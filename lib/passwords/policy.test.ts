import assert from "node:assert/strict";
import { test } from "node:test";
import { passwordProblem } from "@/lib/passwords/policy";

const TOO_SHORT = /at least 8 characters/;
const TOO_LONG = /at most 72 bytes/;
const COMMON = /too common/;
const PERSONAL = /must not be your email address or username/;

test("7 characters are refused, 8 are enough", () => {
  assert.match(passwordProblem("vK3#pz9") ?? "", TOO_SHORT);
  assert.equal(passwordProblem("vK3#pz9q"), null);
});

test("long passphrases are welcome", () => {
  const passphrase = "correct horse battery staple on a misty mountain ridge at dawn 42";
  assert.equal(passphrase.length, 65);
  assert.equal(passwordProblem(passphrase.slice(0, 64)), null);
});

test("the minimum counts characters, not bytes or UTF-16 units", () => {
  // 7 emoji are 28 bytes and 14 UTF-16 units, but 7 characters.
  assert.match(passwordProblem("🔑".repeat(7)) ?? "", TOO_SHORT);
  assert.equal(passwordProblem("🔑".repeat(8)), null);
});

test("the maximum counts bytes, because bcrypt reads only 72 of them", () => {
  assert.equal(passwordProblem("x".repeat(72)), null);
  assert.match(passwordProblem("x".repeat(73)) ?? "", TOO_LONG);
  // "é" is 2 bytes in UTF-8: 36 of them are 72 bytes, and one more letter is 73 bytes in 37 characters.
  assert.equal(passwordProblem("é".repeat(36)), null);
  assert.match(passwordProblem("é".repeat(36) + "a") ?? "", TOO_LONG);
  assert.match(passwordProblem("🔑".repeat(19)) ?? "", TOO_LONG);
});

test("common passwords are refused whatever their case", () => {
  for (const password of ["password1", "Password1", "PASSWORD1", "qwertyuiop", "QwErTyUiOp", "iloveyou", "letmein123"]) {
    assert.match(passwordProblem(password) ?? "", COMMON, password);
  }
});

test("the email address or username is not a password", () => {
  const account = { email: "alice.wonder@example.com", username: "alice_wonder" };
  assert.match(passwordProblem("alice.wonder@example.com", account) ?? "", PERSONAL);
  assert.match(passwordProblem("Alice.Wonder@Example.com", account) ?? "", PERSONAL);
  assert.match(passwordProblem("ALICE_WONDER", account) ?? "", PERSONAL);
  assert.equal(passwordProblem("alice_wonderland", account), null);
  // Without the account, the same password is fine.
  assert.equal(passwordProblem("alice_wonder"), null);
});

test("each message names its rule", () => {
  assert.equal(passwordProblem("short"), "Use at least 8 characters.");
  assert.match(passwordProblem("y".repeat(100)) ?? "", /^Use at most 72 bytes/);
  assert.match(passwordProblem("password") ?? "", /appears in lists that attackers try first/);
});
