import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { browser, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { backupCodesCheckup, checkupReasons, claimCheckupEmail, sendDueCheckupEmails, setCheckupEmails } from "./checkup";
import { backupCodeField, consumeBackupCode, replaceBackupCodes } from "./codes";
import { recordBackupCodeUse } from "./record-use";
import { regenerateBackupCodes } from "./regenerate";
import { confirmBackupCodesSaved } from "./saved";

freshDatabaseForEachFile();

const DAY = 24 * 3600 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

/** An account with two-factor authentication and a set of codes confirmed saved just now. */
async function withSavedCodes() {
  const { user } = await withAuthenticatorOn((await newAccount()).id);
  const codes = (await db().$transaction((tx) => replaceBackupCodes(tx, user.id))).map((code) => backupCodeField.parse(code));
  await confirmBackupCodesSaved(user.id, codes[0] as string);
  return { user: await reload(user.id), codes };
}
async function signInWithCode(userId: string, code: string) {
  const user = await reload(userId);
  await db().$transaction(async (tx) => {
    assert.ok(await consumeBackupCode(userId, code, null, tx));
    await recordBackupCodeUse(tx, user, browser);
  });
}
const checkupEmails = async (email: string, subject: RegExp) => (await outboxTo(email)).filter((mail) => subject.test(mail.subject));
const STALE = /Time to check your .* backup codes/;
const LOW = /Only \d+ unused backup codes? left/;

test("codes are due for a check-up more than 180 days after they were last confirmed, or with three or fewer left", () => {
  const confirmed = new Date("2026-01-01T00:00:00Z");
  const state = { twoFactorEnabledAt: confirmed, backupCodesConfirmedAt: confirmed, backupCodesUnsavedSince: null };
  const at = (days: number, seconds = 0) => new Date(confirmed.getTime() + days * DAY + seconds * 1000);
  const sixMonths = 180 * 24 * 3600;
  assert.deepEqual(checkupReasons(state, 10, at(0), sixMonths), []);
  assert.deepEqual(checkupReasons(state, 10, at(180), sixMonths), [], "exactly 180 days is not over");
  assert.deepEqual(checkupReasons(state, 10, at(180, 1), sixMonths), ["stale"]);
  assert.deepEqual(checkupReasons(state, 4, at(1), sixMonths), []);
  assert.deepEqual(checkupReasons(state, 3, at(1), sixMonths), ["low"]);
  assert.deepEqual(checkupReasons(state, 0, at(200), sixMonths), ["stale", "low"]);
  assert.deepEqual(checkupReasons(state, 10, at(31), 30 * 24 * 3600), ["stale"], "the operator's period");
  // A set never confirmed counts from when it was made; without two-factor authentication nothing is due.
  const unconfirmed = { twoFactorEnabledAt: confirmed, backupCodesConfirmedAt: null, backupCodesUnsavedSince: confirmed };
  assert.deepEqual(checkupReasons(unconfirmed, 10, at(179), sixMonths), []);
  assert.deepEqual(checkupReasons(unconfirmed, 10, at(181), sixMonths), ["stale"]);
  assert.deepEqual(checkupReasons({ ...state, twoFactorEnabledAt: null }, 0, at(400), sixMonths), []);
});

test("'too long ago': one email when the codes become due, not again until they are confirmed anew", async () => {
  const { user, codes } = await withSavedCodes();
  assert.equal(await sendDueCheckupEmails(daysFromNow(179)), 0);
  assert.equal(await sendDueCheckupEmails(daysFromNow(181)), 1);
  assert.equal(await sendDueCheckupEmails(daysFromNow(200)), 0, "the same condition is not emailed twice");
  const [email] = await checkupEmails(user.email, STALE);
  assert.ok(email);
  assert.match(email.text, /over 180 days ago/);
  assert.match(email.text, /\/settings\/two-factor#check-backup-code/);
  assert.match(email.text, /turn these reminders off/);
  for (const code of codes) assert.ok(!email.text.includes(code));

  // Confirmed again (saved, or a successful check): the next time it is due is a new condition.
  await confirmBackupCodesSaved(user.id, codes[1] as string);
  assert.equal((await reload(user.id)).checkupStaleEmailedAt, null);
  assert.equal(await sendDueCheckupEmails(daysFromNow(179)), 0);
  assert.equal(await sendDueCheckupEmails(daysFromNow(181)), 1);
  assert.equal((await checkupEmails(user.email, STALE)).length, 2);
});

test("two processes sending check-ups at once send each email once (the claim is a conditional update)", async () => {
  // The file's one database: the earlier tests' accounts have had their email for this condition.
  const accounts = await Promise.all([withSavedCodes(), withSavedCodes(), withSavedCodes()]);
  const at = daysFromNow(181);
  const rounds = await Promise.all(Array.from({ length: 6 }, () => sendDueCheckupEmails(at)));
  assert.equal(
    rounds.reduce((sum, queued) => sum + queued, 0),
    3,
  );
  for (const { user } of accounts) assert.equal((await checkupEmails(user.email, STALE)).length, 1);

  // The race decided where it is decided: parallel claims for one account, one wins.
  const { user } = await withSavedCodes();
  const claims = await Promise.all(
    Array.from({ length: 10 }, () => db().$transaction((tx) => claimCheckupEmail(tx, user.id, "stale", at))),
  );
  assert.equal(claims.filter(Boolean).length, 1);
  assert.equal((await checkupEmails(user.email, STALE)).length, 1);
});

test("three or fewer codes left: the backup-code-used email says how many and links to the check-up, and one check-up email goes out for the set", async () => {
  const { user, codes } = await withSavedCodes();
  for (const code of codes.slice(0, 6)) await signInWithCode(user.id, code);
  assert.equal((await checkupEmails(user.email, LOW)).length, 0, "four left: no check-up yet");
  await signInWithCode(user.id, codes[6] as string);
  const low = await checkupEmails(user.email, LOW);
  assert.equal(low.length, 1);
  assert.match(low[0]?.subject ?? "", /Only 3 unused backup codes left/);
  assert.match(low[0]?.text ?? "", /\/settings\/two-factor\/backup-codes/);
  await signInWithCode(user.id, codes[7] as string);
  assert.equal((await checkupEmails(user.email, LOW)).length, 1, "two left: the same condition");
  const used = (await checkupEmails(user.email, /backup code was used/)).at(-1);
  assert.match(used?.text ?? "", /You have 2 unused backup codes left/);
  assert.match(used?.text ?? "", /\/settings\/two-factor#check-backup-code/);

  // A new set ends the condition; running low on it is emailed again.
  const fresh = ((await regenerateBackupCodes(user.id, { actorId: user.id, ip: null })) as string[]).map((code) =>
    backupCodeField.parse(code),
  );
  for (const code of fresh.slice(0, 7)) await signInWithCode(user.id, code);
  assert.equal((await checkupEmails(user.email, LOW)).length, 2);
});

test("with check-up emails turned off, neither condition is emailed; the page's reasons stay", async () => {
  const { user, codes } = await withSavedCodes();
  await setCheckupEmails(user.id, false);
  for (const code of codes.slice(0, 8)) await signInWithCode(user.id, code);
  await sendDueCheckupEmails(daysFromNow(181));
  assert.deepEqual(await checkupEmails(user.email, LOW), []);
  assert.deepEqual(await checkupEmails(user.email, STALE), []);
  assert.deepEqual(checkupReasons(await reload(user.id), 2, daysFromNow(181), 180 * 24 * 3600), ["stale", "low"]);

  await setCheckupEmails(user.id, true);
  await sendDueCheckupEmails(daysFromNow(181));
  assert.equal((await checkupEmails(user.email, STALE)).length, 1);
});

test("accounts without two-factor authentication get no check-up", async () => {
  const user = await newAccount();
  await sendDueCheckupEmails(daysFromNow(400));
  assert.equal(await db().$transaction((tx) => claimCheckupEmail(tx, user.id, "low")), false);
  assert.deepEqual(await outboxTo(user.email), []);
});

test("with two-factor authentication on but no set made yet, only the number of codes left can make them due", () => {
  const never = { twoFactorEnabledAt: new Date(), backupCodesConfirmedAt: null, backupCodesUnsavedSince: null };
  assert.deepEqual(checkupReasons(never, 10, daysFromNow(400), 180 * 24 * 3600), []);
  assert.deepEqual(checkupReasons(never, 0, daysFromNow(400), 180 * 24 * 3600), ["low"]);
});

test("the pages' summary: codes left, reasons due and since when, and no codes counted once two-factor authentication is off", async () => {
  const { user } = await withSavedCodes();
  const summary = await backupCodesCheckup(user, daysFromNow(181));
  assert.equal(summary.remaining, 10);
  assert.deepEqual(summary.reasons, ["stale"]);
  assert.deepEqual(summary.confirmedSince, user.backupCodesConfirmedAt);
  assert.deepEqual((await backupCodesCheckup(user, daysFromNow(1))).reasons, []);

  const off = await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: null } });
  assert.equal(await db().backupCode.count({ where: { userId: user.id } }), 10, "the rows are still there");
  assert.deepEqual(await backupCodesCheckup(off, daysFromNow(181)), {
    remaining: 0,
    reasons: [],
    confirmedSince: user.backupCodesConfirmedAt,
  });
});
