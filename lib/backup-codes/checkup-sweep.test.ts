import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { newAccount, outboxTo } from "@/lib/test-support/accounts";
import { withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { sendDueCheckupEmails } from "./checkup";
import { backupCodeField, replaceBackupCodes } from "./codes";
import { confirmBackupCodesSaved } from "./saved";

freshDatabaseForEachFile();

const DAY = 24 * 3600 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);
const STALE = /Time to check your .* backup codes/;

/** An account with two-factor authentication and a new set of codes, confirmed saved or not. */
async function withCodes(options: { confirmed: boolean }) {
  const { user } = await withAuthenticatorOn((await newAccount()).id);
  const codes = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  if (options.confirmed) await confirmBackupCodesSaved(user.id, backupCodeField.parse(codes[0]));
  return user;
}
const emailed = async (email: string) => (await outboxTo(email)).filter((mail) => STALE.test(mail.subject)).length;

test("a round emails exactly the accounts due, 180 days after confirming or, never confirmed, after the codes were made, however many others there are", async () => {
  // Made first, so that a round that picked accounts without the rules would reach these before the due ones.
  const notDue = [
    await withCodes({ confirmed: true }), // two-factor authentication turned off below
    await withCodes({ confirmed: true }),
    await withCodes({ confirmed: false }),
  ];
  await db().user.updateMany({ where: { id: notDue[0]?.id }, data: { twoFactorEnabledAt: null } });
  // Confirmed, or made and never confirmed, 100 days from now: 81 days old at the round below.
  await db().user.updateMany({ where: { id: notDue[1]?.id }, data: { backupCodesConfirmedAt: daysFromNow(100) } });
  await db().user.updateMany({ where: { id: notDue[2]?.id }, data: { backupCodesUnsavedSince: daysFromNow(100) } });
  const dueConfirmed = await withCodes({ confirmed: true });
  const dueNeverConfirmed = await withCodes({ confirmed: false });

  // One account a round: each round must still find one that is due.
  assert.equal(await sendDueCheckupEmails(daysFromNow(181), 1), 1);
  assert.equal(await sendDueCheckupEmails(daysFromNow(181), 1), 1);
  assert.equal(await sendDueCheckupEmails(daysFromNow(181), 1), 0);
  assert.equal(await emailed(dueConfirmed.email), 1);
  assert.equal(await emailed(dueNeverConfirmed.email), 1);
  for (const user of notDue) assert.equal(await emailed(user.email), 0, user.username);
});
