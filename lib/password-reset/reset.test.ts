import assert from "node:assert/strict";
import { test } from "node:test";
import { findPendingSignIn, startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { findResetAccount, resetPassword } from "@/lib/password-reset/reset";
import { findActiveSession } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import {
  browser,
  digest,
  newAccountWithOwnPassword,
  newSession,
  notificationsDuring,
  outboxTo,
  resetTokenSentTo,
  storedRows,
} from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

const NEW_PASSWORD = "a brand new passphrase";

/** An account with a reset link mailed to it. */
async function withResetLink() {
  const account = await newAccountWithOwnPassword();
  await requestPasswordReset(account.user.email);
  return { ...account, token: await resetTokenSentTo(account.user.email) };
}

test("a link sets the new password once; the old password stops working", async () => {
  const { user, password, token } = await withResetLink();
  assert.deepEqual(await resetPassword(token, NEW_PASSWORD, { ip: "192.0.2.7" }), { status: "done" });
  assert.equal((await verifyCredentials(user.email, NEW_PASSWORD))?.id, user.id);
  assert.equal(await verifyCredentials(user.email, password), null);

  assert.deepEqual(await resetPassword(token, "yet another passphrase"), { status: "used" });
  assert.deepEqual(await findResetAccount(token), { status: "used" });
  assert.equal(await verifyCredentials(user.email, "yet another passphrase"), null);
  const audit = await db().auditLog.findMany({ where: { action: "password.reset", targetUserId: user.id } });
  assert.deepEqual(
    audit.map((row) => [row.actorId, row.ip]),
    [[user.id, "192.0.2.7"]],
  );
});

test("made-up, altered and oversized tokens are unknown", async () => {
  const { token } = await withResetLink();
  for (const bad of ["", "made-up", token.slice(0, -1), digest(token), token.repeat(10)]) {
    assert.deepEqual(await resetPassword(bad, NEW_PASSWORD), { status: "unknown" }, bad);
  }
  assert.equal((await findResetAccount(token)).status, "valid");
});

test("of two submissions with one link at the same moment, exactly one sets its password", async () => {
  const { user, token } = await withResetLink();
  const results = await Promise.all([
    resetPassword(token, "first of the two passphrases"),
    resetPassword(token, "second of the two passphrases"),
  ]);
  assert.deepEqual(results.map((result) => result.status).sort(), ["done", "used"]);
  const winner = results[0]?.status === "done" ? "first of the two passphrases" : "second of the two passphrases";
  assert.equal((await verifyCredentials(user.email, winner))?.id, user.id);
  assert.equal((await outboxTo(user.email)).filter((email) => /password was changed/.test(email.subject)).length, 1);
  assert.equal(await db().auditLog.count({ where: { action: "password.reset", targetUserId: user.id } }), 1);
});

test("a reset signs out every session, rotates the stamp, voids pending sign-ins, and mails the owner", async () => {
  const { user, token } = await withResetLink();
  const sessions = [await newSession(user.id), await newSession(user.id)];
  const pending = await startPendingSignIn(user, browser);
  const other = await newAccountWithOwnPassword();
  const othersSession = await newSession(other.user.id);

  assert.deepEqual(await resetPassword(token, NEW_PASSWORD), { status: "done" });
  for (const session of sessions) assert.equal(await findActiveSession(session.secret), null);
  const rows = await db().session.findMany({ where: { userId: user.id } });
  assert.ok(rows.length === 2 && rows.every((row) => row.revokedAt !== null), "every session has revokedAt");
  assert.ok(await findActiveSession(othersSession.secret), "other users stay signed in");

  const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  assert.notEqual(after.securityStamp, user.securityStamp);
  assert.equal(await findPendingSignIn(pending), null);
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);

  const changed = (await outboxTo(user.email)).filter((email) => /password was changed/.test(email.subject));
  assert.equal(changed.length, 1);
  assert.match(changed[0]?.text ?? "", /Every session was signed out/);
  assert.match(changed[0]?.text ?? "", /\d{4}, \d{2}:\d{2} UTC/, "says when");
  assert.match(changed[0]?.text ?? "", /If you did not do this/);
  const stored = await storedRows(user.id);
  assert.ok(!stored.includes(NEW_PASSWORD), "the password is in no row");
  assert.ok(!changed[0]?.text.includes(token) && !changed[0]?.html.includes(token), "the token is not in the confirmation email");
});

test("a password that breaks a rule is refused with the rule's message, and the link still works", async () => {
  const { user, token } = await withResetLink();
  const cases: [string, RegExp][] = [
    ["short", /^This password is too short \(5 characters\)\. Use at least 8\.$/],
    ["é".repeat(37), /^This password is too long \(74 bytes\)\. Use at most 72\.$/],
    ["password1", /too common/],
    [user.email, /must not be your email address or username/],
    [user.username.toUpperCase(), /must not be your email address or username/],
  ];
  for (const [password, message] of cases) {
    const result = await resetPassword(token, password);
    assert.equal(result.status, "weak");
    assert.match(result.status === "weak" ? result.message : "", message);
  }
  assert.equal((await findResetAccount(token)).status, "valid");
  assert.equal(await db().auditLog.count({ where: { action: "password.reset", targetUserId: user.id } }), 0);
  assert.deepEqual(await resetPassword(token, NEW_PASSWORD), { status: "done" });
});

test("a link that no longer works is reported as such, even with a password that breaks a rule", async () => {
  const { token } = await withResetLink();
  await db().userToken.update({ where: { tokenHash: digest(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await resetPassword(token, "short"), { status: "expired" });
  assert.deepEqual(await resetPassword("x".repeat(43), "short"), { status: "unknown" });
});

test("a reset voids only its own account's links and pending sign-ins, not another account's", async () => {
  const { token } = await withResetLink();
  const other = await withResetLink();
  const othersPending = await startPendingSignIn(other.user, browser);
  assert.deepEqual(await resetPassword(token, NEW_PASSWORD), { status: "done" });
  assert.equal((await findResetAccount(other.token)).status, "valid");
  assert.ok(await findPendingSignIn(othersPending), "the other account's sign-in still waits for its second step");
});

test("a reset wakes the outbox once to send its email; a refused or a losing submission has nothing to send", async () => {
  const { token } = await withResetLink();
  assert.equal(await notificationsDuring(() => resetPassword(token, "short")), 0, "a weak password");
  const twoAtOnce = () =>
    Promise.all([resetPassword(token, "first of the two passphrases"), resetPassword(token, "second of the two passphrases")]);
  assert.equal(await notificationsDuring(twoAtOnce), 1, "of two at once, only the one that set its password");
});
