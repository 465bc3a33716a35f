import assert from "node:assert/strict";
import { test } from "node:test";
import { findPendingSignIn, startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db/client";
import { changePassword, WRONG_CURRENT_PASSWORD } from "@/lib/passwords/change";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { resetPassword } from "@/lib/password-reset/reset";
import { findActiveSession } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { browser, newAccountWithOwnPassword, newSession, outboxTo, resetTokenSentTo, storedRows } from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

const NEW_PASSWORD = "a brand new passphrase";
const changedEmails = async (to: string) => (await outboxTo(to)).filter((email) => /password was changed/.test(email.subject));

test("changing the password keeps this session and signs out every other one", async () => {
  const { user, password } = await newAccountWithOwnPassword();
  const current = await newSession(user.id);
  const others = [await newSession(user.id), await newSession(user.id)];
  const pending = await startPendingSignIn(user, browser);

  assert.deepEqual(await changePassword(user.id, password, NEW_PASSWORD, current.id, { ip: "192.0.2.9" }), { ok: true });
  assert.equal((await findActiveSession(current.secret))?.user.id, user.id);
  for (const other of others) assert.equal(await findActiveSession(other.secret), null);
  assert.equal(await findPendingSignIn(pending), null);
  assert.equal((await verifyCredentials(user.email, NEW_PASSWORD))?.id, user.id);
  assert.equal(await verifyCredentials(user.email, password), null);
  assert.notEqual((await db().user.findUniqueOrThrow({ where: { id: user.id } })).securityStamp, user.securityStamp);

  const audit = await db().auditLog.findMany({ where: { action: "password.changed", targetUserId: user.id } });
  assert.deepEqual(
    audit.map((row) => [row.actorId, row.ip]),
    [[user.id, "192.0.2.9"]],
  );
  const [email, ...more] = await changedEmails(user.email);
  assert.equal(more.length, 0);
  assert.match(email?.text ?? "", /Every other session was signed out/);
  const stored = await storedRows(user.id);
  assert.ok(!stored.includes(NEW_PASSWORD) && !stored.includes(password), "neither password is in any row");
});

test("a wrong current password is refused at its field and changes nothing", async () => {
  const { user, password } = await newAccountWithOwnPassword();
  const current = await newSession(user.id);
  const other = await newSession(user.id);
  assert.deepEqual(await changePassword(user.id, `${password}x`, NEW_PASSWORD, current.id), {
    ok: false,
    field: "currentPassword",
    message: WRONG_CURRENT_PASSWORD,
  });
  assert.equal((await verifyCredentials(user.email, password))?.id, user.id);
  assert.ok(await findActiveSession(other.secret));
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: user.id } })).securityStamp, user.securityStamp);
  assert.equal((await changedEmails(user.email)).length, 0);
  assert.equal(await db().auditLog.count({ where: { action: "password.changed", targetUserId: user.id } }), 0);
});

test("a new password that breaks a rule is refused at its field with the rule's message", async () => {
  const { user, password } = await newAccountWithOwnPassword();
  const current = await newSession(user.id);
  const cases: [string, RegExp][] = [
    ["short", /^This password is too short \(5 characters\)\. Use at least 8\.$/],
    ["é".repeat(37), /^This password is too long \(74 bytes\)\. Use at most 72\.$/],
    ["password1", /too common/],
    [user.email.toUpperCase(), /must not be your email address or username/],
  ];
  for (const [weak, message] of cases) {
    const result = await changePassword(user.id, password, weak, current.id);
    assert.equal(result.ok ? "" : result.field, "newPassword");
    assert.match(result.ok ? "" : result.message, message);
  }
  assert.equal((await verifyCredentials(user.email, password))?.id, user.id);
});

test("of two changes from one current password at the same moment, one wins; the other is told, in those words, that it is no longer current", async () => {
  const { user, password } = await newAccountWithOwnPassword();
  const current = await newSession(user.id);
  const results = await Promise.all([
    changePassword(user.id, password, "first of the two passphrases", current.id),
    changePassword(user.id, password, "second of the two passphrases", current.id),
  ]);
  assert.equal(results.filter((result) => result.ok).length, 1);
  assert.deepEqual(
    results.filter((result) => !result.ok),
    [{ ok: false, field: "currentPassword", message: "That is not your current password." }],
  );
  assert.equal((await changedEmails(user.email)).length, 1);
});

test("a change voids a reset link mailed before it", async () => {
  const { user, password } = await newAccountWithOwnPassword();
  await requestPasswordReset(user.email);
  const token = await resetTokenSentTo(user.email);
  const current = await newSession(user.id);
  assert.deepEqual(await changePassword(user.id, password, NEW_PASSWORD, current.id), { ok: true });
  assert.notEqual((await resetPassword(token, "someone else's passphrase")).status, "done");
  assert.equal((await verifyCredentials(user.email, NEW_PASSWORD))?.id, user.id);
});

test("a wrong current password is refused at its field, in those words", async () => {
  const { user } = await newAccountWithOwnPassword();
  const current = await newSession(user.id);
  assert.deepEqual(await changePassword(user.id, "not it at all", NEW_PASSWORD, current.id), {
    ok: false,
    field: "currentPassword",
    message: "That is not your current password.",
  });
});
