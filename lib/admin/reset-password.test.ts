import assert from "node:assert/strict";
import { test } from "node:test";
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { resetPassword } from "@/lib/password-reset/reset";
import { findActiveSession } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { AdminActionError } from "./actor";
import { resetPasswordAsOperator } from "./reset-password";
import { auditOf, newAccount, newSessionSecret, outboxTo, PASSWORD, reload } from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

const OPERATOR = { actorId: null, ip: null };

test("the operator's new password is random, 20 characters, and replaces the old one", async () => {
  const user = await newAccount();
  const password = await resetPasswordAsOperator(user.id, OPERATOR);
  assert.match(password, /^[A-Za-z2-9]{20}$/);
  assert.equal((await verifyCredentials(user.email, password))?.id, user.id);
  assert.equal(await verifyCredentials(user.email, PASSWORD), null, "the old password no longer works");
  const again = await resetPasswordAsOperator(user.id, OPERATOR);
  assert.notEqual(again, password);
  assert.equal(await verifyCredentials(user.email, password), null);
  assert.equal((await verifyCredentials(user.email, again))?.id, user.id);
});

test("every session ends, pending sign-ins and reset links die, the security stamp changes", async () => {
  const user = await newAccount();
  const bystander = await newAccount();
  const phone = await newSessionSecret(user.id);
  const laptop = await newSessionSecret(user.id);
  const other = await newSessionSecret(bystander.id);
  await startPendingSignIn(user, { ip: "192.0.2.1", userAgent: "Mozilla/5.0" });
  await requestPasswordReset(user.email);
  const link = (await outboxTo(user.email)).at(-1)?.text.match(/\/auth\/password\/reset\?token=(\S+)/)?.[1];
  assert.ok(link);

  await resetPasswordAsOperator(user.id, OPERATOR);
  assert.equal(await findActiveSession(phone), null);
  assert.equal(await findActiveSession(laptop), null);
  assert.equal(await db().session.count({ where: { userId: user.id, revokedAt: null } }), 0);
  assert.equal((await findActiveSession(other))?.user.id, bystander.id, "another user stays signed in");
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);
  assert.deepEqual(await resetPassword(decodeURIComponent(link), "someone else's choice"), { status: "used" });
  assert.notEqual((await reload(user.id)).securityStamp, user.securityStamp);
  assert.equal((await reload(bystander.id)).securityStamp, bystander.securityStamp);
});

test("the user is emailed that the operator set it, without the password; audited with no actor", async () => {
  const user = await newAccount();
  const password = await resetPasswordAsOperator(user.id, OPERATOR);
  const mail = await outboxTo(user.email);
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.subject ?? "", /password was changed/);
  assert.match(mail[0]?.text ?? "", /The server's operator set a new password/);
  assert.match(mail[0]?.text ?? "", /Every session was signed out/);
  const audit = await auditOf(user.id, "password.changed");
  assert.deepEqual(
    audit.map((row) => [row.actorId, row.ip]),
    [[null, null]],
  );

  const stored = JSON.stringify({
    outbox: await db().outboxEmail.findMany(),
    audit: await db().auditLog.findMany(),
    tokens: await db().userToken.findMany(),
    user: await reload(user.id),
  });
  assert.ok(!stored.includes(password), "the password is stored or mailed in clear");
});

test("an admin acting through this function still cannot touch an equal; nothing changes", async () => {
  const admin = await newAccount("ADMIN");
  const target = await newAccount("ADMIN");
  const session = await newSessionSecret(target.id);
  await assert.rejects(
    resetPasswordAsOperator(target.id, { actorId: admin.id, ip: null }),
    (error: unknown) => error instanceof AdminActionError && /lower role than yours/.test(error.message),
  );
  assert.equal((await verifyCredentials(target.email, PASSWORD))?.id, target.id);
  assert.ok(await findActiveSession(session));
  assert.equal((await reload(target.id)).securityStamp, target.securityStamp);
  assert.equal((await outboxTo(target.email)).length, 0);
  assert.equal((await auditOf(target.id, "password.changed")).length, 0);
});
