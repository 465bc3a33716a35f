import assert from "node:assert/strict";
import { test } from "node:test";
import { changePasswordInput, passwordField, resetPasswordInput } from "@/lib/passwords/input";

const TOKEN = "A".repeat(43);

/** Each field's messages, as the form shows them. */
function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const errors: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

test("a password is taken as typed, up to 4096 characters, with a message when it is missing or absurdly long", () => {
  assert.equal(passwordField.parse("  spaced  "), "  spaced  ", "no trimming");
  assert.equal(passwordField.parse("x".repeat(4096)).length, 4096);
  const message = (input: unknown) => passwordField.safeParse(input).error?.issues[0]?.message;
  assert.equal(message(""), "Enter a password.");
  assert.equal(message(undefined), "Enter a password.", "a form sent without the field");
  assert.equal(message("x".repeat(4097)), "That is far too long for a password.");
});

test("the reset form reports every rule broken at the password and a mismatch at the confirmation", () => {
  assert.deepEqual(resetPasswordInput.parse({ token: TOKEN, password: "violet sunrise 42", passwordConfirmation: "violet sunrise 42" }), {
    token: TOKEN,
    password: "violet sunrise 42",
    passwordConfirmation: "violet sunrise 42",
  });
  assert.deepEqual(fieldErrors(resetPasswordInput.safeParse({ token: TOKEN, password: "1234567", passwordConfirmation: "7654321" })), {
    password: [
      "This password is too short (7 characters). Use at least 8.",
      "This password is too common: it appears in lists that attackers try first.",
      "This password is a run of letters, digits or keys (like abcd, 4321 or qwerty): attackers try those first.",
    ],
    passwordConfirmation: ["The two passwords do not match."],
  });
  assert.deepEqual(fieldErrors(resetPasswordInput.safeParse({ token: TOKEN, password: "violet sunrise 42" })), {
    passwordConfirmation: ["Type your new password again."],
  });
  const issue = resetPasswordInput.safeParse({ token: TOKEN, password: "short", passwordConfirmation: "short" }).error?.issues[0];
  assert.equal(issue?.code, "custom");
});

test("the reset form without its token says the link is incomplete", () => {
  const fields = { password: "violet sunrise 42", passwordConfirmation: "violet sunrise 42" };
  const incomplete = "This link is incomplete. Open the link from the email again.";
  assert.deepEqual(fieldErrors(resetPasswordInput.safeParse(fields)), { token: [incomplete] });
  assert.deepEqual(fieldErrors(resetPasswordInput.safeParse({ ...fields, token: "" })), { token: [incomplete] });
});

test("the change form asks for the current password and reports the new one's problems at its own fields", () => {
  const valid = { currentPassword: "old one", newPassword: "violet sunrise 42", newPasswordConfirmation: "violet sunrise 42" };
  assert.deepEqual(changePasswordInput.parse(valid), valid);
  assert.deepEqual(fieldErrors(changePasswordInput.safeParse({ ...valid, currentPassword: "" })), {
    currentPassword: ["Enter your current password."],
  });
  assert.deepEqual(fieldErrors(changePasswordInput.safeParse({ ...valid, currentPassword: undefined })), {
    currentPassword: ["Enter your current password."],
  });
  assert.deepEqual(fieldErrors(changePasswordInput.safeParse({ ...valid, currentPassword: "x".repeat(4097) })), {
    currentPassword: ["That is not your current password."],
  });
  assert.equal(changePasswordInput.safeParse({ ...valid, currentPassword: "x".repeat(4096) }).success, true);
  assert.deepEqual(fieldErrors(changePasswordInput.safeParse({ ...valid, newPassword: "kq7", newPasswordConfirmation: "kq8" })), {
    newPassword: ["This password is too short (3 characters). Use at least 8."],
    newPasswordConfirmation: ["The two passwords do not match."],
  });
  assert.deepEqual(fieldErrors(changePasswordInput.safeParse({ ...valid, newPasswordConfirmation: undefined })), {
    newPasswordConfirmation: ["Type your new password again."],
  });
});
