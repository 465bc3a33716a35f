import assert from "node:assert/strict";
import { test } from "node:test";
import { generateSync } from "otplib";
import { createAccount } from "@/lib/accounts/create-account";
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { acceptAuthenticatorCode, encryptTotpSecret } from "@/lib/two-factor/authenticator";
import { disableTwoFactor } from "@/lib/two-factor/disable";
import { newTotpSecret } from "@/lib/two-factor/totp";
import { verifySecondFactor } from "@/lib/two-factor/verify";

freshDatabaseForEachFile();

const IP = "192.0.2.40";
const browser = { ip: IP, userAgent: "Mozilla/5.0" };
let users = 0;

async function newUser() {
  users++;
  const { user } = await createAccount({
    email: `off${users}@example.com`,
    username: `off${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  return user;
}
/** A user with the authenticator app on, a sign-in waiting for its code and a backup code. */
async function withTwoFactor() {
  const created = await newUser();
  const secret = newTotpSecret();
  const user = await db().user.update({
    where: { id: created.id },
    data: {
      totpSecret: encryptTotpSecret(created.id, secret),
      totpEnabledAt: new Date(),
      twoFactorEnabledAt: new Date(),
      totpLastUsedStep: 1,
      secondFactorFailures: 2,
    },
  });
  const pendingToken = await startPendingSignIn(user, browser);
  await db().backupCode.create({ data: { userId: user.id, digest: `digest-of-${user.id}` } });
  return { user, secret, pendingToken };
}
const reload = (id: string) => db().user.findUniqueOrThrow({ where: { id } });
const mailTo = (email: string) => db().outboxEmail.findMany({ where: { to: email } });
const audit = (userId: string) => db().auditLog.findMany({ where: { targetUserId: userId, action: "two_factor.disabled" } });

test("turning it off clears the secret and ends waiting sign-ins and backup codes", async () => {
  const { user, secret, pendingToken } = await withTwoFactor();
  const bystander = await withTwoFactor();
  assert.equal(await disableTwoFactor(user.id, { actorId: user.id, ip: IP }), "disabled");

  const row = await reload(user.id);
  assert.equal(row.totpSecret, null);
  assert.equal(row.totpEnabledAt, null);
  assert.equal(row.totpLastUsedStep, null);
  assert.equal(row.pendingTotpSecret, null);
  assert.equal(row.secondFactorFailures, 0);
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);
  assert.equal(await db().backupCode.count({ where: { userId: user.id } }), 0);

  const code = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
  assert.equal(await acceptAuthenticatorCode(row, code), false, "the old app's codes mean nothing now");
  const result = await verifySecondFactor({
    method: "authenticator",
    input: { code },
    context: { place: "sign-in", pendingToken, client: browser },
  });
  assert.deepEqual(result, { status: "expired" }, "a sign-in waiting for its code cannot finish");

  assert.ok((await reload(bystander.user.id)).totpEnabledAt, "another user keeps theirs");
  assert.equal(await db().pendingSignIn.count({ where: { userId: bystander.user.id } }), 1);
  assert.equal(await db().backupCode.count({ where: { userId: bystander.user.id } }), 1);
});

test("the user's own change is audited as theirs and the email says so", async () => {
  const { user } = await withTwoFactor();
  await disableTwoFactor(user.id, { actorId: user.id, ip: IP });
  assert.deepEqual(
    (await audit(user.id)).map((entry) => [entry.actorId, entry.ip, entry.details]),
    [[user.id, IP, null]],
  );
  const mail = await mailTo(user.email);
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.subject ?? "", /Two-factor authentication is off/);
  assert.match(mail[0]?.text ?? "", /Two-factor authentication was turned off for your/);
  assert.doesNotMatch(mail[0]?.text ?? "", /administrator turned/i);
});

test("an administrator's change is audited with the administrator as actor and the email names it", async () => {
  const { user } = await withTwoFactor();
  const admin = await newUser();
  assert.equal(await disableTwoFactor(user.id, { actorId: admin.id, ip: "198.51.100.7" }), "disabled");
  assert.deepEqual(
    (await audit(user.id)).map((entry) => [entry.actorId, entry.ip, entry.details]),
    [[admin.id, "198.51.100.7", "by an administrator"]],
  );
  const mail = await mailTo(user.email);
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.text ?? "", /An administrator turned off two-factor authentication/);
  assert.match(mail[0]?.text ?? "", /\nFrom: an administrator, in the administration pages\n/);
  assert.doesNotMatch(mail[0]?.text ?? "", /198\.51\.100\.7/, "the administrator's own address is not shown to the user");
  assert.equal((await mailTo(admin.email)).length, 0);
});

test("the operator's command line (no actor) is audited as staff and named in the email", async () => {
  const { user } = await withTwoFactor();
  assert.equal(await disableTwoFactor(user.id, { actorId: null, ip: null }), "disabled");
  assert.deepEqual(
    (await audit(user.id)).map((entry) => [entry.actorId, entry.details]),
    [[null, "by an administrator"]],
  );
  assert.match((await mailTo(user.email))[0]?.text ?? "", /The server's operator turned off two-factor authentication/);
});

test("when it is already off, nothing happens and nobody is told", async () => {
  const user = await newUser();
  assert.equal(await disableTwoFactor(user.id, { actorId: user.id, ip: IP }), "already-off");
  const { user: twice } = await withTwoFactor();
  assert.equal(await disableTwoFactor(twice.id, { actorId: twice.id, ip: IP }), "disabled");
  assert.equal(await disableTwoFactor(twice.id, { actorId: twice.id, ip: IP }), "already-off");
  assert.equal((await audit(user.id)).length + (await mailTo(user.email)).length, 0);
  assert.equal((await audit(twice.id)).length, 1);
  assert.equal((await mailTo(twice.email)).length, 1);
});

test("of two requests turning it off at the same moment, one does it: one audit row, one email", async () => {
  const { user } = await withTwoFactor();
  const results = await Promise.all([1, 2].map(() => disableTwoFactor(user.id, { actorId: user.id, ip: IP })));
  assert.deepEqual(results.sort(), ["already-off", "disabled"]);
  assert.equal((await audit(user.id)).length, 1);
  assert.equal((await mailTo(user.email)).length, 1);
});

test("turning it off also removes the security keys and the opt-in to emailed codes", async () => {
  const { user } = await withTwoFactor();
  await db().user.update({ where: { id: user.id }, data: { emailCodesEnabled: true } });
  await db().securityKey.create({
    data: { userId: user.id, name: "Blue key", credentialId: `credential-${user.id}`, publicKey: "cHVibGlj" },
  });
  assert.equal(await disableTwoFactor(user.id, { actorId: user.id, ip: IP }), "disabled");
  const row = await reload(user.id);
  assert.equal(row.twoFactorEnabledAt, null);
  assert.equal(row.emailCodesEnabled, false);
  assert.equal(await db().securityKey.count({ where: { userId: user.id } }), 0);
});

test("an account whose only second factor is a security key can turn it off too", async () => {
  const created = await newUser();
  const user = await db().user.update({ where: { id: created.id }, data: { twoFactorEnabledAt: new Date() } });
  await db().securityKey.create({
    data: { userId: user.id, name: "Only key", credentialId: `credential-${user.id}`, publicKey: "cHVibGlj" },
  });
  assert.equal(await disableTwoFactor(user.id, { actorId: user.id, ip: IP }), "disabled");
  assert.equal((await reload(user.id)).twoFactorEnabledAt, null);
  assert.equal(await db().securityKey.count({ where: { userId: user.id } }), 0);
});
