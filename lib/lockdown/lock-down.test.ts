import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyCredentials } from "@/lib/auth/credentials";
import { findPendingSignIn, startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { requestEmailChange } from "@/lib/email-change/request";
import { resetPassword } from "@/lib/password-reset/reset";
import { auditOf, browser, newAccount, newSession, outboxTo, PASSWORD, reload, resetTokenSentTo } from "@/lib/test-support/accounts";
import { withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { findActiveSession } from "@/lib/sessions/sessions";
import { issueLockdownLink } from "@/lib/mail/not-me-link";
import { checkLockdownLink, lockDownAccount } from "./lock-down";

freshDatabaseForEachFile();

const HOUR = 3600 * 1000;
const stranger = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0" };
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;
async function linkFor(userId: string) {
  return tokenOf(await db().$transaction((tx) => issueLockdownLink(tx, userId)));
}

test("the link locks the account down: sessions end, pending sign-ins die, and only a password reset by email lets anyone in", async () => {
  const { user } = await withAuthenticatorOn((await newAccount()).id);
  const session = await newSession(user.id);
  const pending = await startPendingSignIn(user, browser);
  const token = await linkFor(user.id);
  assert.deepEqual(await checkLockdownLink(token), { status: "valid", username: user.username });

  assert.deepEqual(await lockDownAccount(token, stranger), { status: "locked" });
  assert.equal(await findActiveSession(session.secret), null, "signed out");
  assert.equal(await findPendingSignIn(pending), null, "the sign-in in progress cannot finish");
  const locked = await reload(user.id);
  assert.ok(locked.passwordResetRequiredAt);
  assert.ok(locked.twoFactorEnabledAt && locked.totpSecret, "two-factor authentication stays");
  assert.equal((await auditOf(user.id, "account.locked_down")).length, 1);
  assert.equal((await auditOf(user.id, "account.locked_down"))[0]?.ip, stranger.ip);
  const mail = (await outboxTo(user.email)).at(-1);
  assert.match(mail?.subject ?? "", /locked down/);
  assert.match(mail?.text ?? "", /\/auth\/password\/reset\?token=/);
  assert.ok(!(mail?.text ?? "").includes(token), "the used link is not repeated");

  // The password is still right, and still does not open the account (the sign-in form says why).
  assert.ok(await verifyCredentials(user.email, PASSWORD));
  const resetLink = mail?.text.match(/https?:\/\/\S+\/auth\/password\/reset\?token=\S+/)?.[0];
  assert.ok(resetLink);
  const resetToken = tokenOf(resetLink);
  assert.equal((await resetPassword(resetToken, "a brand new passphrase 4", browser)).status, "done");
  assert.equal((await reload(user.id)).passwordResetRequiredAt, null);
});

test("a second use does nothing: no new email, no second audit row, nothing signed out again", async () => {
  const user = await newAccount();
  const token = await linkFor(user.id);
  assert.equal((await lockDownAccount(token, stranger)).status, "locked");
  const mails = (await outboxTo(user.email)).length;
  const later = await newSession(user.id);
  assert.deepEqual(await lockDownAccount(token, stranger), { status: "used" });
  assert.ok(await findActiveSession(later.secret));
  assert.equal((await outboxTo(user.email)).length, mails);
  assert.equal((await auditOf(user.id, "account.locked_down")).length, 1);
});

test("parallel uses of one link: one locks down, the others find it used", async () => {
  const user = await newAccount();
  const token = await linkFor(user.id);
  const results = await Promise.all(Array.from({ length: 8 }, () => lockDownAccount(token, stranger)));
  assert.equal(results.filter((result) => result.status === "locked").length, 1);
  assert.equal((await auditOf(user.id, "account.locked_down")).length, 1);
});

test("every email's link is its own: a newer one does not void the older; using one voids them all", async () => {
  const user = await newAccount();
  const older = await linkFor(user.id);
  const newer = await linkFor(user.id);
  assert.equal((await checkLockdownLink(older)).status, "valid");
  assert.equal((await lockDownAccount(newer, stranger)).status, "locked");
  assert.deepEqual(await checkLockdownLink(older), { status: "used" });
});

test("expired after 24 hours; forged, mistyped or another kind of link refused; another user's link locks only that user", async () => {
  const user = await newAccount();
  const token = await linkFor(user.id);
  assert.equal((await checkLockdownLink(token, new Date(Date.now() + 23 * HOUR))).status, "valid");
  assert.deepEqual(await checkLockdownLink(token, new Date(Date.now() + 24 * HOUR + 1000)), { status: "expired" });
  assert.deepEqual(await lockDownAccount(token, stranger, new Date(Date.now() + 24 * HOUR + 1000)), { status: "expired" });
  assert.equal((await reload(user.id)).passwordResetRequiredAt, null);

  for (const forged of ["", "x".repeat(43), `${token}x`, "a".repeat(5000)]) {
    assert.deepEqual(await lockDownAccount(forged, stranger), { status: "unknown" }, forged.slice(0, 10));
  }
  // A reset link is not a lockdown link.
  const session = await newSession(user.id);
  const { requestPasswordReset } = await import("@/lib/password-reset/request");
  await requestPasswordReset(user.email, null);
  assert.deepEqual(await lockDownAccount(await resetTokenSentTo(user.email), stranger), { status: "unknown" });

  const other = await newAccount();
  assert.equal((await lockDownAccount(await linkFor(other.id), stranger)).status, "locked");
  assert.ok(await findActiveSession(session.secret), "the first account is untouched");
  assert.equal((await reload(user.id)).passwordResetRequiredAt, null);
});

test("pending email-change links die with the lockdown", async () => {
  const user = await newAccount();
  await requestEmailChange(user.id, `moved-${user.username}@example.com`, browser);
  assert.equal(await db().userToken.count({ where: { userId: user.id, purpose: "EMAIL_CHANGE", usedAt: null } }), 1);
  await lockDownAccount(await linkFor(user.id), stranger);
  assert.equal(await db().userToken.count({ where: { userId: user.id, purpose: "EMAIL_CHANGE", usedAt: null } }), 0);
});

test("only the link's digest is stored", async () => {
  const user = await newAccount();
  const token = await linkFor(user.id);
  assert.ok(!JSON.stringify(await db().userToken.findMany({ where: { userId: user.id } })).includes(token));
});
