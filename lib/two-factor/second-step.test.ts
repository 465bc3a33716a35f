import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { codeNow, withAuthenticatorOn, wrongCode } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { verifySecondFactor } from "@/lib/two-factor/verify";

freshDatabaseForEachFile();

const browser = { ip: "192.0.2.30", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
const digest = (value: string) => createHash("sha256").update(value).digest("hex");
let users = 0;

/** A user with the authenticator app on, after a correct password: the pending sign-in's token. */
async function pendingSignIn() {
  users++;
  const { user: created } = await createAccount({
    email: `mfa${users}@example.com`,
    username: `mfa${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const { user, secret } = await withAuthenticatorOn(created.id);
  return { user, secret, token: await startPendingSignIn(user, browser) };
}
/** The second step as the sign-in page runs it, with the authenticator app. */
const complete = (token: string, code: string) =>
  verifySecondFactor({ method: "authenticator", input: { code }, context: { place: "sign-in", pendingToken: token, client: browser } });
const failuresAudited = (userId: string) => db().auditLog.count({ where: { targetUserId: userId, action: "second_factor.failed" } });
const lastUsedStep = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).totpLastUsedStep;
const pendingRows = (userId: string) => db().pendingSignIn.count({ where: { userId } });

test("the pending sign-in token is stored only as its SHA-256 digest", async () => {
  const { user, token } = await pendingSignIn();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  const rows = await db().pendingSignIn.findMany({ where: { userId: user.id } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.tokenHash, digest(token));
  assert.ok(!JSON.stringify(rows).includes(token));
  assert.equal(rows[0]?.ip, browser.ip);
  const lifetime = (rows[0]?.expiresAt.getTime() ?? 0) - Date.now();
  assert.ok(lifetime > 9 * 60_000 && lifetime <= 10 * 60_000, `a pending sign-in lasts 10 minutes, not ${lifetime} ms`);
});

test("the right code signs in once: the pending sign-in is gone afterwards", async () => {
  const { user, secret, token } = await pendingSignIn();
  const result = await complete(token, codeNow(secret));
  assert.equal(result.status, "verified");
  assert.equal(result.status === "verified" && result.user.id, user.id);
  assert.equal(await pendingRows(user.id), 0);
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: user.id } })).secondFactorFailures, 0);

  await db().user.update({ where: { id: user.id }, data: { totpLastUsedStep: null } });
  assert.deepEqual(await complete(token, codeNow(secret)), { status: "expired" });
  assert.equal(await lastUsedStep(user.id), null, "no code is checked for an ended sign-in");
  assert.deepEqual(await complete("made-up-token", codeNow(secret)), { status: "expired" });
});

test("an expired pending sign-in, or one older than a credentials change, is refused", async () => {
  const expired = await pendingSignIn();
  await db().pendingSignIn.update({ where: { tokenHash: digest(expired.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await complete(expired.token, codeNow(expired.secret)), { status: "expired" });
  assert.equal(await lastUsedStep(expired.user.id), null, "no code is checked");
  assert.equal(await pendingRows(expired.user.id), 0);

  const stale = await pendingSignIn();
  await db().user.update({ where: { id: stale.user.id }, data: { securityStamp: "password-changed" } });
  assert.deepEqual(await complete(stale.token, codeNow(stale.secret)), { status: "expired" });
  assert.equal(await lastUsedStep(stale.user.id), null);
  assert.equal(await pendingRows(stale.user.id), 0);
});

test("wrong codes count down; the fifth voids the pending sign-in, even for the right code", async () => {
  const { user, secret, token } = await pendingSignIn();
  const wrong = wrongCode(secret);
  for (const attemptsLeft of [4, 3, 2, 1]) {
    assert.deepEqual(await complete(token, wrong), { status: "wrong-code", attemptsLeft });
  }
  assert.deepEqual(await complete(token, wrong), { status: "too-many-failures" });
  assert.equal(await pendingRows(user.id), 0);
  assert.deepEqual(await complete(token, codeNow(secret)), { status: "expired" });

  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "second_factor.failed" } });
  assert.equal(audit.length, 5);
  assert.ok(
    audit.every(
      (entry) => entry.ip === browser.ip && entry.details === "authenticator app, at sign-in" && !JSON.stringify(entry).includes(wrong),
    ),
  );
});

test("after too many failures, signing in with the password again starts a new run", async () => {
  const { user, secret, token } = await pendingSignIn();
  const wrong = wrongCode(secret);
  for (let i = 0; i < 5; i++) await complete(token, wrong);
  assert.equal(await pendingRows(user.id), 0);

  const fresh = await startPendingSignIn(await db().user.findUniqueOrThrow({ where: { id: user.id } }), browser);
  assert.deepEqual(await complete(fresh, wrong), { status: "wrong-code", attemptsLeft: 4 });
  assert.equal((await complete(fresh, codeNow(secret))).status, "verified");
});

test("a code that completed one sign-in is refused in the next (no replay)", async () => {
  const { user, secret, token } = await pendingSignIn();
  const code = codeNow(secret);
  assert.equal((await complete(token, code)).status, "verified");

  const next = await startPendingSignIn(await db().user.findUniqueOrThrow({ where: { id: user.id } }), browser);
  assert.deepEqual(await complete(next, code), { status: "wrong-code", attemptsLeft: 4 });
  assert.equal(await pendingRows(user.id), 1, "the new pending sign-in is still open");
});

test("of 20 completions racing with the right code, exactly one signs in", async () => {
  const { user, secret, token } = await pendingSignIn();
  const code = codeNow(secret);
  const results = await Promise.all(Array.from({ length: 20 }, () => complete(token, code)));
  const statuses = results.map((result) => result.status);
  assert.equal(statuses.filter((status) => status === "verified").length, 1, statuses.join(", "));
  assert.equal(await pendingRows(user.id), 0);
});

test("past the hourly cap of 100, attempts are refused before any code is checked", async () => {
  const { user, secret, token } = await pendingSignIn();
  await db().rateLimit.create({
    data: { key: `second-factor:account:${user.id}`, count: 100, resetAt: new Date(Date.now() + 30 * 60_000) },
  });
  const result = await complete(token, codeNow(secret));
  assert.equal(result.status, "rate-limited");
  assert.ok(result.status === "rate-limited" && result.retryAfterSeconds > 0 && result.retryAfterSeconds <= 30 * 60);
  assert.equal(await lastUsedStep(user.id), null, "the right code is not even checked");
});

test("brute force: 50 guesses at once on one pending sign-in get at most 5 checks", async () => {
  const { user, secret, token } = await pendingSignIn();
  const results = await Promise.all(Array.from({ length: 50 }, () => complete(token, wrongCode(secret))));
  assert.ok(results.every((result) => result.status === "wrong-code" || result.status === "too-many-failures"));
  // Every code that was checked and failed left an audit row.
  const checked = await failuresAudited(user.id);
  assert.ok(checked <= 5, `${checked} codes were checked`);
  assert.equal(await pendingRows(user.id), 0, "the pending sign-in is void");
  assert.deepEqual(await complete(token, codeNow(secret)), { status: "expired" });
});
