import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { issuePasswordReset, requestPasswordReset } from "@/lib/password-reset/request";
import { findResetAccount, resetPassword } from "@/lib/password-reset/reset";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { compareTimings } from "@/lib/test-support/timing";
import { digest, newAccountWithOwnPassword, notificationsDuring, outboxTo, resetTokenSentTo } from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

const HOUR = 3600_000;

test("a known address is mailed a link whose token is stored only as its digest, for one hour", async () => {
  const { user } = await newAccountWithOwnPassword();
  assert.equal(await requestPasswordReset(user.email.toUpperCase(), "192.0.2.1"), undefined);

  const [email, ...others] = await outboxTo(user.email);
  assert.equal(others.length, 0);
  assert.match(email?.subject ?? "", /^Reset your Keyring password$/);
  assert.match(email?.text ?? "", /expires in one hour/);
  assert.match(email?.text ?? "", /If you did not ask for this, ignore this email/);
  const token = await resetTokenSentTo(user.email);
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);

  const rows = await db().userToken.findMany({ where: { userId: user.id } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.purpose, "PASSWORD_RESET");
  assert.equal(rows[0]?.tokenHash, digest(token));
  const lifetime = (rows[0]?.expiresAt.getTime() ?? 0) - Date.now();
  assert.ok(lifetime > HOUR - 60_000 && lifetime <= HOUR, `lifetime ${lifetime} ms`);

  const audit = await db().auditLog.findMany({ where: { action: "password.reset_requested", targetUserId: user.id } });
  assert.deepEqual(
    audit.map((row) => row.ip),
    ["192.0.2.1"],
  );
  const stored = JSON.stringify({ rows, audit: await db().auditLog.findMany() });
  assert.ok(!stored.includes(token), "the token is in no table but the email");
  assert.deepEqual(await findResetAccount(token), { status: "valid", user: { id: user.id, email: user.email, username: user.username } });
});

test("an unknown address is mailed nothing and gets the same answer", async () => {
  const before = await db().outboxEmail.count();
  assert.equal(await requestPasswordReset("nobody@example.com", "192.0.2.2"), undefined);
  assert.equal(await db().outboxEmail.count(), before);
  assert.equal(await db().userToken.count({ where: { user: { email: "nobody@example.com" } } }), 0);
  const audit = await db().auditLog.findMany({ where: { action: "password.reset_requested", ip: "192.0.2.2" } });
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.targetUserId, null);
  assert.ok(!JSON.stringify(audit).includes("nobody"), "the typed address is not recorded");
});

test("a request for an unknown address leaves every account's links as they were", async () => {
  const { user } = await newAccountWithOwnPassword();
  await requestPasswordReset(user.email);
  const token = await resetTokenSentTo(user.email);
  await requestPasswordReset("nobody@example.com", "192.0.2.3");
  assert.equal((await findResetAccount(token)).status, "valid");
  const audit = await db().auditLog.findFirstOrThrow({ where: { action: "password.reset_requested", ip: "192.0.2.3" } });
  assert.equal(audit.details, "no account uses this address");
});

test("the address is found whatever its case and the spaces around it", async () => {
  const { user } = await newAccountWithOwnPassword();
  await requestPasswordReset(`  ${user.email.toUpperCase()} `);
  assert.equal((await outboxTo(user.email)).length, 1);
});

test("a link expires after one hour", async () => {
  const { user } = await newAccountWithOwnPassword();
  await requestPasswordReset(user.email);
  const token = await resetTokenSentTo(user.email);
  await db().userToken.update({ where: { tokenHash: digest(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await findResetAccount(token), { status: "expired" });
  assert.deepEqual(await resetPassword(token, "a brand new passphrase"), { status: "expired" });
});

test("a new request voids the earlier link", async () => {
  const { user } = await newAccountWithOwnPassword();
  await requestPasswordReset(user.email);
  const older = await resetTokenSentTo(user.email);
  await requestPasswordReset(user.email);
  const newer = await resetTokenSentTo(user.email);
  assert.notEqual(newer, older);
  assert.notEqual((await findResetAccount(older)).status, "valid");
  assert.notEqual((await resetPassword(older, "a brand new passphrase")).status, "done");
  assert.deepEqual(await resetPassword(newer, "a brand new passphrase"), { status: "done" });
});

test("a known and an unknown address take about as long", async (t) => {
  const { user } = await newAccountWithOwnPassword();
  await requestPasswordReset("warm-up@example.com");
  const timing = await compareTimings(
    () => requestPasswordReset(user.email),
    () => requestPasswordReset("stranger@example.com"),
    // Within a factor of 5 either way (the known address writes a token and an email as well): an unknown
    // address that skipped its transaction would answer about 20 times faster.
    { samples: 20, rounds: 3, accept: (ratio) => ratio > 1 / 5 && ratio < 5 },
  );
  t.diagnostic(`known, unknown: ${timing.summaries.join("; ")}`);
  assert.ok(timing.accepted, timing.summaries.join("; "));
});

test("a known address wakes the outbox to send its email at once; an unknown address has nothing to send", async () => {
  const { user } = await newAccountWithOwnPassword();
  assert.equal(await notificationsDuring(() => requestPasswordReset(user.email)), 1);
  assert.equal(await notificationsDuring(() => requestPasswordReset("nobody-at-all@example.com")), 0);
});

test("a link asked for on the sign-in page is audited as such; one sent by staff names them and their address instead", async () => {
  const { user } = await newAccountWithOwnPassword();
  await requestPasswordReset(user.email, "192.0.2.4");
  assert.deepEqual(
    (await db().auditLog.findMany({ where: { action: "password.reset_requested", targetUserId: user.id } })).map((row) => [
      row.actorId,
      row.ip,
      row.details,
    ]),
    [[null, "192.0.2.4", "asked for on the sign-in page"]],
  );

  const staff = await newAccountWithOwnPassword();
  await db().$transaction((tx) => issuePasswordReset(tx, user, { staff: { actorId: staff.user.id, ip: "198.51.100.5" } }));
  const sent = await db().auditLog.findFirstOrThrow({ where: { action: "password.reset_requested", actorId: staff.user.id } });
  assert.deepEqual([sent.targetUserId, sent.ip, sent.details], [user.id, "198.51.100.5", null]);
  assert.match((await outboxTo(user.email)).at(-1)?.text ?? "", /sent you this link to choose a new password/);
});
