import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { newAccount, notificationsDuring, outboxTo } from "@/lib/test-support/accounts";
import { withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { sendDueCheckupEmails, startCheckupSweeper } from "./checkup";
import { backupCodeField, replaceBackupCodes } from "./codes";
import { confirmBackupCodesSaved } from "./saved";

freshDatabaseForEachFile();

const DAY = 24 * 3600 * 1000;
const STALE = /Time to check your .* backup codes/;
const emailed = async (email: string) => (await outboxTo(email)).filter((mail) => STALE.test(mail.subject)).length;

/** An account whose codes were last confirmed 181 days ago: due for the "too long ago" check-up now. */
async function dueAccount() {
  const { user } = await withAuthenticatorOn((await newAccount()).id);
  const codes = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  await confirmBackupCodesSaved(user.id, backupCodeField.parse(codes[0]));
  await db().user.update({ where: { id: user.id }, data: { backupCodesConfirmedAt: new Date(Date.now() - 181 * DAY) } });
  return user;
}

async function until(condition: () => Promise<boolean>, what: string) {
  for (let tries = 0; tries < 100; tries++) {
    if (await condition()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting until ${what}`);
}

test("a round wakes the outbox when it queued emails, and not when nothing was due", async () => {
  const user = await dueAccount();
  assert.equal(await notificationsDuring(async () => assert.equal(await sendDueCheckupEmails(), 1)), 1);
  assert.equal(await notificationsDuring(async () => assert.equal(await sendDueCheckupEmails(), 0)), 0, "a round with nothing due");
  assert.equal(await emailed(user.email), 1);
});

test("the sweeper runs a round at once, then one every ten minutes, until it is stopped", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval"] });
  const first = await dueAccount();
  const stop = startCheckupSweeper();
  try {
    await until(async () => (await emailed(first.email)) === 1, "the first round emailed the due account");
    const second = await dueAccount();
    t.mock.timers.tick(10 * 60 * 1000 - 1);
    await sleep(500);
    assert.equal(await emailed(second.email), 0, "no round before ten minutes are up");
    t.mock.timers.tick(1);
    await until(async () => (await emailed(second.email)) === 1, "the round after ten minutes emailed the account due since");
  } finally {
    stop();
  }
  const third = await dueAccount();
  t.mock.timers.tick(60 * 60 * 1000);
  await sleep(500);
  assert.equal(await emailed(third.email), 0, "no round once stopped");
});

test("a round that fails is reported on the console, and the sweeper carries on", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval"] });
  const logged: unknown[][] = [];
  t.mock.method(console, "error", (...args: unknown[]) => void logged.push(args));
  // The user table out of reach, as a lost database would leave it.
  await db().$executeRawUnsafe(`ALTER TABLE "User" RENAME TO "UserAway"`);
  const stop = startCheckupSweeper();
  try {
    await until(async () => logged.length === 1, "the failed round was logged");
  } finally {
    stop();
    await db().$executeRawUnsafe(`ALTER TABLE "UserAway" RENAME TO "User"`);
  }
  assert.equal(logged[0]?.[0], "backup-code check-ups: round failed:");
  assert.match(String(logged[0]?.[1]), /User/);
});
