import assert from "node:assert/strict";
import { test } from "node:test";
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { auditOf, browser, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { verifySecondFactor } from "@/lib/two-factor/verify";
import { backupCodeField, remainingBackupCodes, replaceBackupCodes } from "./codes";
import { regenerateBackupCodes } from "./regenerate";
import { confirmBackupCodesSaved } from "./saved";

freshDatabaseForEachFile();

// Checking happens in a signed-in session: a stolen one, for the attacks.
const attacker = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

async function withCodes() {
  const { user } = await withAuthenticatorOn((await newAccount()).id);
  const codes = (await db().$transaction((tx) => replaceBackupCodes(tx, user.id))).map((code) => backupCodeField.parse(code));
  return { user, codes };
}
const check = (userId: string, code: string) =>
  verifySecondFactor({ method: "backup-code", input: { code }, context: { place: "backup-code-check", userId, client: attacker } });
const signInWith = async (userId: string, code: string) =>
  verifySecondFactor({
    method: "backup-code",
    input: { code },
    context: { place: "sign-in", pendingToken: await startPendingSignIn(await reload(userId), browser), client: browser },
  });
/** A well-formed code that is no one's. */
const guess = (n: number) => backupCodeField.parse(`${"a".repeat(10)}${String(n).padStart(5, "2").replace(/[01]/g, "z")}`);

test("guessing: wrong checks count on the one second-factor counter, and the fifth in a row stops every check", async () => {
  const { user, codes } = await withCodes();
  for (const attemptsLeft of [4, 3, 2, 1])
    assert.deepEqual(await check(user.id, guess(attemptsLeft)), { status: "wrong-code", attemptsLeft });
  assert.deepEqual(await check(user.id, guess(9)), { status: "too-many-failures" });
  assert.equal((await reload(user.id)).secondFactorFailures, 5);
  assert.deepEqual(await check(user.id, codes[0] as string), { status: "too-many-failures" }, "the right code is not even checked");
  assert.equal((await auditOf(user.id, "second_factor.failed")).length, 5);
  assert.match((await auditOf(user.id, "second_factor.failed"))[0]?.details ?? "", /backup code, checking a backup code/);
  const alerts = (await outboxTo(user.email)).filter((mail) => /Wrong second factor/.test(mail.subject));
  assert.equal(alerts.length, 1, "the owner is emailed once an hour");
  assert.match(alerts[0]?.text ?? "", /to check a backup code without using it/);
});

test("wrong checks and wrong codes at sign-in add up to the same 5 in a row; the fifth voids the waiting sign-in", async () => {
  const { user, codes } = await withCodes();
  const pendingToken = await startPendingSignIn(user, browser);
  const atSignIn = (code: string) =>
    verifySecondFactor({ method: "backup-code", input: { code }, context: { place: "sign-in", pendingToken, client: browser } });
  assert.deepEqual(await atSignIn(guess(1)), { status: "wrong-code", attemptsLeft: 4 });
  assert.deepEqual(await check(user.id, guess(2)), { status: "wrong-code", attemptsLeft: 3 });
  assert.deepEqual(await atSignIn(guess(3)), { status: "wrong-code", attemptsLeft: 2 });
  assert.deepEqual(await check(user.id, guess(4)), { status: "wrong-code", attemptsLeft: 1 });
  assert.deepEqual(await check(user.id, guess(5)), { status: "too-many-failures" });
  assert.deepEqual(await atSignIn(codes[0] as string), { status: "expired" }, "the pending sign-in is void");
});

test("a checked code is not used up: it still signs in afterwards, once", async () => {
  const { user, codes } = await withCodes();
  for (let n = 1; n <= 4; n++) await check(user.id, guess(n));
  assert.equal((await check(user.id, codes[3] as string)).status, "verified");
  assert.equal((await reload(user.id)).secondFactorFailures, 0, "a right code ends the run of failures");
  assert.equal((await check(user.id, codes[3] as string)).status, "verified", "checking twice is fine");
  assert.equal(await remainingBackupCodes(user.id), 10);
  assert.equal((await signInWith(user.id, codes[3] as string)).status, "verified");
  assert.equal(await remainingBackupCodes(user.id), 9);
  assert.equal((await signInWith(user.id, codes[3] as string)).status, "wrong-code");
});

test("a used code, a code of another account and a replaced set's code all fail the check", async () => {
  const { user, codes } = await withCodes();
  const other = await withCodes();
  await signInWith(user.id, codes[0] as string);
  assert.equal((await check(user.id, codes[0] as string)).status, "wrong-code", "used");
  assert.equal((await check(user.id, other.codes[1] as string)).status, "wrong-code", "another account's");
  const fresh = (await regenerateBackupCodes(user.id, { actorId: user.id, ip: null })) as string[];
  assert.equal((await check(user.id, codes[1] as string)).status, "wrong-code", "replaced");
  assert.equal((await check(user.id, backupCodeField.parse(fresh[1]))).status, "verified");
  assert.equal((await reload(other.user.id)).secondFactorFailures, 0, "only the checking account's counter moves");
});

test("a successful check records the codes as confirmed now and is audited, without an email or the code in any row", async () => {
  const { user, codes } = await withCodes();
  assert.equal((await reload(user.id)).backupCodesConfirmedAt, null, "a new set is not confirmed");
  const before = Date.now();
  await check(user.id, codes[2] as string);
  const after = await reload(user.id);
  assert.ok(after.backupCodesConfirmedAt && after.backupCodesConfirmedAt.getTime() >= before);
  assert.equal(after.backupCodesUnsavedSince, null, "a set one can check is a saved one");
  const audit = await auditOf(user.id, "backup_codes.checked");
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.ip, attacker.ip);
  assert.deepEqual(await outboxTo(user.email), []);
  const rows = JSON.stringify(await db().auditLog.findMany());
  for (const code of codes) assert.ok(!rows.includes(code));
});

test("ticking 'I have saved these codes' confirms the set too; a new set starts unconfirmed", async () => {
  const { user, codes } = await withCodes();
  await confirmBackupCodesSaved(user.id, codes[0] as string);
  const confirmed = (await reload(user.id)).backupCodesConfirmedAt;
  assert.ok(confirmed);
  await regenerateBackupCodes(user.id, { actorId: user.id, ip: null });
  assert.equal((await reload(user.id)).backupCodesConfirmedAt, null);
});

test("an account without two-factor authentication has nothing to check, and nothing is counted", async () => {
  const user = await newAccount();
  assert.deepEqual(await check(user.id, guess(1)), { status: "unavailable" });
  assert.equal((await reload(user.id)).secondFactorFailures, 0);
});
