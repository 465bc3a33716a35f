import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { replaceBackupCodes } from "@/lib/backup-codes/codes";
import { db } from "@/lib/db/client";
import { codeNow, withAuthenticatorOn, wrongCode } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { verifySecondFactor, type SecondFactorPlace } from "@/lib/two-factor/verify";

freshDatabaseForEachFile();

// The attacker's browser at sign-in, and the signed-in session elsewhere (a stolen one, say).
const attacker = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
const SIGNED_IN_PLACES = ["sudo", "admin-action", "disable-two-factor"] as const;
let users = 0;

/** An account (an admin, so that the admin's own code can be asked) with the authenticator app and backup codes. */
async function withAuthenticator() {
  users++;
  const { user: created } = await createAccount({
    email: `verify${users}@example.com`,
    username: `verify${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "ADMIN",
  });
  const { user, secret } = await withAuthenticatorOn(created.id);
  const codes = await replaceBackupCodes(db(), user.id);
  return { user, secret, codes: codes.map((code) => code.replace(/-/g, "")) };
}
const signedIn = (place: Exclude<SecondFactorPlace, "sign-in">, userId: string, code: string) =>
  verifySecondFactor({ method: "authenticator", input: { code }, context: { place, userId, client: attacker } });
const atSignIn = (pendingToken: string, code: string) =>
  verifySecondFactor({ method: "authenticator", input: { code }, context: { place: "sign-in", pendingToken, client: attacker } });
const newPasswordSignIn = async (userId: string) => startPendingSignIn(await reload(userId), attacker);
const reload = (id: string) => db().user.findUniqueOrThrow({ where: { id } });
const failedRows = (userId: string) =>
  db().auditLog.findMany({ where: { targetUserId: userId, action: "second_factor.failed" }, orderBy: { createdAt: "asc" } });
const failureEmails = (email: string) => db().outboxEmail.findMany({ where: { to: email, subject: { contains: "second factor" } } });
const alertEmails = async (email: string) =>
  (await db().outboxEmail.findMany({ where: { to: email } })).filter((mail) =>
    /Failed sign-in attempt|Wrong second factor/.test(mail.subject),
  );

for (const place of SIGNED_IN_PLACES) {
  test(`${place}: wrong codes count on the account's one counter; the fifth in a row refuses even the right code`, async () => {
    const { user, secret } = await withAuthenticator();
    const wrong = wrongCode(secret);
    for (const attemptsLeft of [4, 3, 2, 1])
      assert.deepEqual(await signedIn(place, user.id, wrong), { status: "wrong-code", attemptsLeft });
    assert.deepEqual(await signedIn(place, user.id, wrong), { status: "too-many-failures" });
    assert.equal((await reload(user.id)).secondFactorFailures, 5);

    assert.deepEqual(
      await signedIn(place, user.id, codeNow(secret)),
      { status: "too-many-failures" },
      "five in a row: the right code is not even checked",
    );
    assert.equal((await reload(user.id)).totpLastUsedStep, null, "and not used up");
    assert.equal((await failedRows(user.id)).length, 5, "each evaluated wrong code is in the security log");
  });
}

test("failures at sign-in, at the sudo prompt, at an administrator action and when turning 2FA off add up to the same 5 in a row", async () => {
  const { user, secret } = await withAuthenticator();
  const wrong = wrongCode(secret);
  const pendingToken = await newPasswordSignIn(user.id);
  assert.deepEqual(await atSignIn(pendingToken, wrong), { status: "wrong-code", attemptsLeft: 4 });
  assert.deepEqual(await signedIn("sudo", user.id, wrong), { status: "wrong-code", attemptsLeft: 3 });
  assert.deepEqual(await signedIn("admin-action", user.id, wrong), { status: "wrong-code", attemptsLeft: 2 });
  assert.deepEqual(await atSignIn(pendingToken, wrong), { status: "wrong-code", attemptsLeft: 1 });
  assert.deepEqual(await signedIn("disable-two-factor", user.id, wrong), { status: "too-many-failures" });

  // The fifth failure, wherever it happened, voids the waiting sign-in: the right code cannot finish it.
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);
  assert.deepEqual(await atSignIn(pendingToken, codeNow(secret)), { status: "expired" });
  assert.deepEqual(await signedIn("sudo", user.id, codeNow(secret)), { status: "too-many-failures" });

  // The run ends with a new sign-in with the password (the owner's way out); the code then works anywhere.
  const fresh = await newPasswordSignIn(user.id);
  assert.equal((await signedIn("sudo", user.id, codeNow(secret))).status, "verified");
  assert.deepEqual(await atSignIn(fresh, wrong), { status: "wrong-code", attemptsLeft: 4 });
});

test("a correct code clears the run of failures, wherever it was typed", async () => {
  const { user, secret } = await withAuthenticator();
  const wrong = wrongCode(secret);
  for (const place of SIGNED_IN_PLACES) await signedIn(place, user.id, wrong);
  assert.equal((await reload(user.id)).secondFactorFailures, 3);
  assert.equal((await signedIn("admin-action", user.id, codeNow(secret))).status, "verified");
  assert.equal((await reload(user.id)).secondFactorFailures, 0);
  assert.deepEqual(await signedIn("sudo", user.id, wrong), { status: "wrong-code", attemptsLeft: 4 });
});

test("at most 100 second-factor attempts per account per hour, counted together across places", async () => {
  const { user, secret } = await withAuthenticator();
  const wrong = wrongCode(secret);
  // 25 runs of 4 failures, each run ended by a new password sign-in: 100 attempts.
  for (let run = 0; run < 25; run++) {
    const pendingToken = await newPasswordSignIn(user.id);
    assert.equal((await atSignIn(pendingToken, wrong)).status, "wrong-code");
    for (const place of SIGNED_IN_PLACES)
      assert.equal((await signedIn(place, user.id, wrong)).status, "wrong-code", `run ${run}, ${place}`);
  }
  await newPasswordSignIn(user.id);
  for (const place of SIGNED_IN_PLACES) {
    const result = await signedIn(place, user.id, codeNow(secret));
    assert.equal(result.status, "rate-limited", place);
    assert.ok(result.status === "rate-limited" && result.retryAfterSeconds > 0 && result.retryAfterSeconds <= 3600);
  }
  assert.equal((await reload(user.id)).totpLastUsedStep, null, "the right code was never checked");
  assert.equal((await failedRows(user.id)).length, 100);
});

test("each wrong code is audited with the method and the place, and never the code", async () => {
  const { user, secret, codes } = await withAuthenticator();
  const wrong = wrongCode(secret);
  await atSignIn(await newPasswordSignIn(user.id), wrong);
  for (const place of SIGNED_IN_PLACES) await signedIn(place, user.id, wrong);
  const wrongBackupCode = `${codes[0]?.slice(0, 14)}${codes[0]?.endsWith("2") ? "3" : "2"}`;
  const viaBackupCode = await verifySecondFactor({
    method: "backup-code",
    input: { code: wrongBackupCode },
    context: { place: "disable-two-factor", userId: user.id, client: attacker },
  });
  assert.equal(viaBackupCode.status, "too-many-failures", "the fifth in a row");

  const rows = await failedRows(user.id);
  assert.deepEqual(
    rows.map((row) => row.details).sort(),
    [
      "authenticator app, at sign-in",
      "authenticator app, confirming it's you",
      "authenticator app, administrator action",
      "authenticator app, turning off two-factor authentication",
      "backup code, turning off two-factor authentication",
    ].sort(),
  );
  assert.ok(rows.every((row) => row.ip === attacker.ip && row.actorId === user.id));
  assert.ok(!JSON.stringify(rows).includes(wrong) && !JSON.stringify(rows).includes(wrongBackupCode));
});

for (const place of SIGNED_IN_PLACES) {
  test(`${place}: a wrong code emails the owner, at most once an hour together with every other place`, async () => {
    const { user, secret } = await withAuthenticator();
    const wrong = wrongCode(secret);
    await signedIn(place, user.id, wrong);
    const [first, ...others] = await failureEmails(user.email);
    assert.equal(others.length, 0);
    assert.match(first?.subject ?? "", /^Wrong second factor entered on your .+ account$/);
    assert.match(first?.text ?? "", /a wrong code was entered \(authenticator app, /);
    assert.match(first?.text ?? "", /203\.0\.113\.9/, "says from where");
    assert.ok(!first?.text.includes(wrong));

    // More failures within the hour, here, elsewhere and at sign-in: no more email.
    for (const other of SIGNED_IN_PLACES) await signedIn(other, user.id, wrong);
    const pendingToken = await newPasswordSignIn(user.id);
    await atSignIn(pendingToken, wrong);
    assert.equal((await alertEmails(user.email)).length, 1);

    // An hour later, the next failure is emailed again.
    await db().rateLimit.update({
      where: { key: `second-factor-failure-email:${user.id}` },
      data: { resetAt: new Date(Date.now() - 1000) },
    });
    await signedIn(place, user.id, wrong);
    assert.equal((await alertEmails(user.email)).length, 2);
  });
}

test("a failure at sign-in first: its email counts for the hour, and the sudo prompt's failure is not emailed again", async () => {
  const { user, secret } = await withAuthenticator();
  await atSignIn(await newPasswordSignIn(user.id), wrongCode(secret));
  await signedIn("sudo", user.id, wrongCode(secret));
  const mails = await alertEmails(user.email);
  assert.deepEqual(
    mails.map((mail) => mail.subject.replace(/ on your .*/, "")),
    ["Failed sign-in attempt"],
  );
});

test("of two parallel uses of the same authenticator code, exactly one succeeds, at any place", async () => {
  for (const places of [
    ["sudo", "sudo"],
    ["admin-action", "disable-two-factor"],
    ["sign-in", "sudo"],
  ] as const) {
    const { user, secret } = await withAuthenticator();
    const code = codeNow(secret);
    const pendingToken = await newPasswordSignIn(user.id);
    const results = await Promise.all(
      places.map((place) => (place === "sign-in" ? atSignIn(pendingToken, code) : signedIn(place, user.id, code))),
    );
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === "verified").length, 1, `${places.join(" + ")}: ${statuses.join(", ")}`);
    assert.ok(
      statuses.every((status) => status === "verified" || status === "wrong-code"),
      statuses.join(", "),
    );
    assert.equal((await failedRows(user.id)).length, 1, "the loser is a failure like any other");
  }
});

test("a place takes only its own methods; an account without the method is told, and nothing is counted", async () => {
  const { user, codes } = await withAuthenticator();
  const backupAtSudo = await verifySecondFactor({
    method: "backup-code",
    input: { code: codes[0] as string },
    context: { place: "sudo", userId: user.id, client: attacker },
  });
  assert.deepEqual(backupAtSudo, { status: "unavailable" });
  const emailAtAdmin = await verifySecondFactor({
    method: "email-code",
    input: { code: "123456" },
    context: { place: "admin-action", userId: user.id, client: attacker },
  });
  assert.deepEqual(emailAtAdmin, { status: "unavailable" });
  assert.equal(await db().backupCode.count({ where: { userId: user.id, usedAt: { not: null } } }), 0, "the backup code is not used up");

  const { user: noApp } = await createAccount({
    email: "noapp@example.com",
    username: "noapp",
    password: "granite-harbour-71",
    confirmed: true,
    role: "ADMIN",
  });
  assert.deepEqual(await signedIn("admin-action", noApp.id, "123456"), { status: "unavailable" });
  assert.equal((await reload(user.id)).secondFactorFailures + (await reload(noApp.id)).secondFactorFailures, 0);
});

test("turning 2FA off with a backup code uses it up (once: in parallel, one of two wins)", async () => {
  const { user, codes } = await withAuthenticator();
  const disable = () =>
    verifySecondFactor({
      method: "backup-code",
      input: { code: codes[1] as string },
      context: { place: "disable-two-factor", userId: user.id, client: attacker },
    });
  const statuses = (await Promise.all([disable(), disable()])).map((result) => result.status).sort();
  assert.deepEqual(statuses, ["verified", "wrong-code"]);
  assert.equal(await db().backupCode.count({ where: { userId: user.id, usedAt: { not: null } } }), 1);
  const usedMails = (await db().outboxEmail.findMany({ where: { to: user.email } })).filter((mail) =>
    /backup code was used/i.test(mail.subject),
  );
  assert.equal(usedMails.length, 0, "not a sign-in: turning it off sends its own email");
});

test("a backup code at sign-in: its use, the email and the end of the pending sign-in go together", async () => {
  const { user, codes } = await withAuthenticator();
  const pendingToken = await newPasswordSignIn(user.id);
  const signInWith = (code: string) =>
    verifySecondFactor({ method: "backup-code", input: { code }, context: { place: "sign-in", pendingToken, client: attacker } });
  // Two different good codes at once on one sign-in: one finishes it, and the other code stays unused.
  const statuses = (await Promise.all([signInWith(codes[2] as string), signInWith(codes[3] as string)]))
    .map((result) => result.status)
    .sort();
  assert.deepEqual(statuses, ["expired", "verified"]);
  assert.equal(await db().backupCode.count({ where: { userId: user.id, usedAt: { not: null } } }), 1);
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);
  const mails = (await db().outboxEmail.findMany({ where: { to: user.email } })).filter((mail) =>
    /backup code was used/i.test(mail.subject),
  );
  assert.equal(mails.length, 1);
  assert.match(mails[0]?.text ?? "", /\b9\b/, "the email says 9 codes are left");
});
