import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { newAccount, notificationsDuring } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { backupCodeField, consumeBackupCode, remainingBackupCodes, replaceBackupCodes } from "./codes";
import { regenerateBackupCodes } from "./regenerate";

freshDatabaseForEachFile();

/** Makes every insert into the outbox fail, as a full disk or a lost connection would, until undone. */
async function breakOutbox(): Promise<() => Promise<void>> {
  if (config().databaseProvider === "sqlite") {
    await db().$executeRawUnsafe(`CREATE TRIGGER outbox_down BEFORE INSERT ON "OutboxEmail" BEGIN SELECT RAISE(ABORT, 'outbox down'); END`);
    return async () => void (await db().$executeRawUnsafe("DROP TRIGGER outbox_down"));
  }
  await db().$executeRawUnsafe(
    `CREATE FUNCTION outbox_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$ LANGUAGE plpgsql`,
  );
  await db().$executeRawUnsafe(`CREATE TRIGGER outbox_down BEFORE INSERT ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION outbox_down()`);
  return async () => {
    await db().$executeRawUnsafe(`DROP TRIGGER outbox_down ON "OutboxEmail"`);
    await db().$executeRawUnsafe("DROP FUNCTION outbox_down()");
  };
}

test("when the email cannot be queued, regenerating changes nothing: the old codes still work", async () => {
  const { user } = await createAccount({
    email: "atomic@example.com",
    username: "atomic",
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  await db().user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() } });
  const old = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));

  const repair = await breakOutbox();
  try {
    await assert.rejects(regenerateBackupCodes(user.id, { actorId: user.id, ip: null }));
  } finally {
    await repair();
  }
  assert.equal(await remainingBackupCodes(user.id), 10);
  assert.equal(await consumeBackupCode(user.id, backupCodeField.parse(old[0]), null), true, "an old code still works");
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "backup_codes.regenerated" } }), 0);
});

test("regenerating wakes the outbox once to send its email; without two-factor authentication nothing is sent", async () => {
  const user = await newAccount();
  const regenerate = () => regenerateBackupCodes(user.id, { actorId: user.id, ip: null });
  assert.equal(await notificationsDuring(async () => assert.equal(await regenerate(), null)), 0);
  await db().user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() } });
  assert.equal(await notificationsDuring(async () => assert.equal((await regenerate())?.length, 10)), 1);
});
