import assert from "node:assert/strict";
import { test } from "node:test";
import { findPendingSignIn, startPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { replaceBackupCodes } from "@/lib/backup-codes/codes";
import { db, type User } from "@/lib/db/client";
import { passkeyConfirmationOptions } from "@/lib/passkeys/confirmation";
import { keySignInOptions } from "@/lib/security-keys/authentication";
import { relyingParty } from "@/lib/security-keys/relying-party";
import { newAccount, newSession, notificationsDuring, reload } from "@/lib/test-support/accounts";
import { codeNow, withAuthenticatorOn, wrongCode } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { assertion, softwareKey, type SoftwareKey } from "@/lib/test-support/software-key";
import { encryptTotpSecret } from "@/lib/two-factor/authenticator";
import { sendEmailCode } from "@/lib/two-factor/email-code";
import { newTotpSecret } from "@/lib/two-factor/totp";
import { secondFactorMethodName, verifySecondFactor } from "@/lib/two-factor/verify";

freshDatabaseForEachFile();

const client = { ip: "198.51.100.23", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

const sudo = (userId: string, code: string, place: "sudo" | "disable-two-factor" = "sudo") =>
  verifySecondFactor({ method: "authenticator", input: { code }, context: { place, userId, client } });
const pendingOf = async (userId: string): Promise<{ token: string; pending: PendingSignIn }> => {
  const token = await startPendingSignIn(await reload(userId), client);
  return { token, pending: (await findPendingSignIn(token)) as PendingSignIn };
};
const failedDetails = async (userId: string) =>
  (await db().auditLog.findMany({ where: { targetUserId: userId, action: "second_factor.failed" } })).map((row) => row.details);

async function withBackupCodes() {
  const { user, secret } = await withAuthenticatorOn((await newAccount()).id);
  const codes = (await replaceBackupCodes(db(), user.id)).map((code) => code.replace(/-/g, ""));
  return { user, secret, codes };
}

test("the authenticator app is a method only once it is on and has a secret; otherwise nothing is counted", async () => {
  // Setup begun but not finished: a secret, not yet on.
  const halfway = await newAccount();
  const secret = newTotpSecret();
  await db().user.update({
    where: { id: halfway.id },
    data: { totpSecret: encryptTotpSecret(halfway.id, secret), twoFactorEnabledAt: new Date() },
  });
  assert.deepEqual(await sudo(halfway.id, codeNow(secret)), { status: "unavailable" });

  // On, but with no secret stored.
  const noSecret = await newAccount();
  await db().user.update({ where: { id: noSecret.id }, data: { totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() } });
  assert.deepEqual(await sudo(noSecret.id, "123456"), { status: "unavailable" });

  assert.equal((await reload(halfway.id)).secondFactorFailures + (await reload(noSecret.id)).secondFactorFailures, 0);
  assert.equal((await reload(halfway.id)).totpLastUsedStep, null);
});

test("a backup code that turns two-factor authentication off is marked used from the client's address", async () => {
  const { user, codes } = await withBackupCodes();
  const result = await verifySecondFactor({
    method: "backup-code",
    input: { code: codes[0] as string },
    context: { place: "disable-two-factor", userId: user.id, client },
  });
  assert.equal(result.status, "verified");
  const used = await db().backupCode.findMany({ where: { userId: user.id, usedAt: { not: null } } });
  assert.deepEqual(
    used.map((row) => row.usedFromIp),
    ["198.51.100.23"],
  );
});

test("the outbox is woken exactly when an answer queued an email", async () => {
  const { user, secret, codes } = await withBackupCodes();
  assert.equal(
    await notificationsDuring(async () => assert.equal((await sudo(user.id, codeNow(secret))).status, "verified")),
    0,
    "app code at sudo: no email",
  );

  const backupCode = (code: string, place: "disable-two-factor" | "backup-code-check") =>
    verifySecondFactor({ method: "backup-code", input: { code }, context: { place, userId: user.id, client } });
  assert.equal(
    await notificationsDuring(async () => assert.equal((await backupCode(codes[0] as string, "backup-code-check")).status, "verified")),
    0,
    "checking a code: no email",
  );
  assert.equal(
    await notificationsDuring(async () => assert.equal((await backupCode(codes[1] as string, "disable-two-factor")).status, "verified")),
    0,
    "turning 2FA off: its own email, not here",
  );

  const { token } = await pendingOf(user.id);
  const atSignIn = () =>
    verifySecondFactor({
      method: "backup-code",
      input: { code: codes[2] as string },
      context: { place: "sign-in", pendingToken: token, client },
    });
  assert.equal(
    await notificationsDuring(async () => assert.equal((await atSignIn()).status, "verified")),
    1,
    "a backup code used at sign-in is emailed",
  );

  const wrong = wrongCode(secret);
  assert.equal(
    await notificationsDuring(async () => assert.equal((await sudo(user.id, wrong)).status, "wrong-code")),
    1,
    "the first wrong code is emailed",
  );
  assert.equal(
    await notificationsDuring(async () => assert.equal((await sudo(user.id, wrong)).status, "wrong-code")),
    0,
    "the second within the hour is not",
  );
  assert.equal((await db().outboxEmail.findMany({ where: { to: user.email, subject: { contains: "second factor" } } })).length, 1);
});

test("an emailed code: not sent yet or expired is said before anything is counted; the right one signs in", async () => {
  const user = await db().user.update({
    where: { id: (await newAccount()).id },
    data: { twoFactorEnabledAt: new Date(), emailCodesEnabled: true },
  });
  const { token, pending } = await pendingOf(user.id);
  const step = (code: string) =>
    verifySecondFactor({ method: "email-code", input: { code }, context: { place: "sign-in", pendingToken: token, client } });

  assert.deepEqual(await step("123456"), { status: "no-email-code" });
  assert.equal((await sendEmailCode(pending)).status, "sent");
  const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
  const code = /^(\d{6})$/m.exec(mail.text)?.[1] as string;
  const { emailCodeExpiresAt } = await db().pendingSignIn.findUniqueOrThrow({ where: { id: pending.id } });
  await db().pendingSignIn.update({ where: { id: pending.id }, data: { emailCodeExpiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await step(code), { status: "email-code-expired" });
  assert.equal((await reload(user.id)).secondFactorFailures, 0, "neither was counted");
  assert.deepEqual(await failedDetails(user.id), []);

  await db().pendingSignIn.update({ where: { id: pending.id }, data: { emailCodeExpiresAt } });
  const result = await step(code);
  assert.equal(result.status, "verified");
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);
});

async function withKey(options: { passkey: boolean }): Promise<{ user: User; key: SoftwareKey }> {
  const user = await db().user.update({ where: { id: (await newAccount()).id }, data: { twoFactorEnabledAt: new Date() } });
  const key = softwareKey();
  await db().securityKey.create({
    data: { userId: user.id, name: "Software key", credentialId: key.credentialId, publicKey: key.publicKey, passkey: options.passkey },
  });
  return { user, key };
}
const signature = (key: SoftwareKey, challenge: string, counter: number, userHandle?: string) => {
  const rp = relyingParty();
  return assertion(key, { challenge, counter, rpId: rp.id, origin: rp.origin, userVerified: true, userHandle });
};

test("a security key signs in; a bad signature is a wrong answer logged as a security key's", async () => {
  const { user, key } = await withKey({ passkey: false });
  const { token, pending } = await pendingOf(user.id);
  const challenge = async () => {
    const options = await keySignInOptions(pending);
    assert.ok(options && options !== "ended");
    return options.challenge;
  };
  const step = (response: ReturnType<typeof signature>) =>
    verifySecondFactor({ method: "security-key", input: { response }, context: { place: "sign-in", pendingToken: token, client } });

  assert.deepEqual(await step(signature(softwareKey(), await challenge(), 1)), { status: "wrong-code", attemptsLeft: 4 });
  assert.deepEqual(await failedDetails(user.id), ["security key, at sign-in"]);
  const last = await challenge();
  const result = await step(signature(key, last, 1));
  assert.equal(result.status, "verified");
  assert.equal(result.status === "verified" && result.user.id, user.id);

  const signedIn = await verifySecondFactor({
    method: "security-key",
    input: { response: signature(key, last, 2) },
    context: { place: "sudo", userId: user.id, client },
  });
  assert.deepEqual(signedIn, { status: "unavailable" }, "only at sign-in");
});

test("a passkey confirms at the sudo prompt and before an admin action, nowhere else; a bad one is logged as a passkey's", async () => {
  const { user, key } = await withKey({ passkey: true });
  const sessionId = (await newSession(user.id)).id;
  const confirm = async (place: "sudo" | "admin-action" | "disable-two-factor", counter: number, signer: SoftwareKey = key) => {
    const options = await passkeyConfirmationOptions(user.id, sessionId);
    assert.ok(options);
    const response = signature(signer, options.challenge, counter, user.id);
    return verifySecondFactor({ method: "passkey", input: { response }, context: { place, userId: user.id, sessionId, client } });
  };
  assert.equal((await confirm("sudo", 1)).status, "verified");
  assert.equal((await confirm("admin-action", 2)).status, "verified");
  assert.deepEqual(await confirm("disable-two-factor", 3), { status: "unavailable" });
  assert.deepEqual(await confirm("sudo", 4, softwareKey()), { status: "wrong-code", attemptsLeft: 4 });
  assert.deepEqual(await failedDetails(user.id), ["passkey, confirming it's you"]);

  const withoutPasskey = await newAccount();
  const session = (await newSession(withoutPasskey.id)).id;
  const options = await passkeyConfirmationOptions(user.id, session);
  assert.ok(options);
  const stranger = await verifySecondFactor({
    method: "passkey",
    input: { response: signature(key, options.challenge, 5, user.id) },
    context: { place: "sudo", userId: withoutPasskey.id, sessionId: session, client },
  });
  assert.deepEqual(stranger, { status: "unavailable" }, "an account without a passkey is told so");
});

test("a fault while checking is thrown, not reported as an ended sign-in", async () => {
  const user = await newAccount();
  await db().user.update({
    where: { id: user.id },
    data: { totpSecret: "not-an-encrypted-secret", totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
  });
  await assert.rejects(sudo(user.id, "123456"));
});

test("each method has the name a session's sign-in is listed with", () => {
  assert.deepEqual((["authenticator", "backup-code", "email-code", "security-key", "passkey"] as const).map(secondFactorMethodName), [
    "authenticator app",
    "backup code",
    "email code",
    "security key",
    "passkey",
  ]);
});
