import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { backupCodeField, consumeBackupCode, replaceBackupCodes } from "./codes";
import { regenerateBackupCodes } from "./regenerate";
import { confirmBackupCodesSaved } from "./saved";

freshDatabaseForEachFile();

async function accountWithTwoFactor(name: string) {
  const { user } = await createAccount({
    email: `${name}@example.com`,
    username: name,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  await db().user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() } });
  return user;
}
const unsavedSince = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).backupCodesUnsavedSince;

test("a new set counts as unsaved until one of its codes confirms it saved", async () => {
  const user = await accountWithTwoFactor("saver");
  assert.equal(await unsavedSince(user.id), null, "an account without codes has nothing unsaved");
  const codes = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  assert.ok(await unsavedSince(user.id));
  assert.equal(await confirmBackupCodesSaved(user.id, backupCodeField.parse(codes[4])), true);
  assert.equal(await unsavedSince(user.id), null);
  assert.equal(await confirmBackupCodesSaved(user.id, backupCodeField.parse(codes[4])), true, "confirming again is harmless");
});

test("regenerating marks the new set unsaved; a code of the replaced set cannot confirm it", async () => {
  const user = await accountWithTwoFactor("regenerator");
  const old = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  await confirmBackupCodesSaved(user.id, backupCodeField.parse(old[0]));
  const fresh = (await regenerateBackupCodes(user.id, { actorId: user.id, ip: null })) as string[];
  assert.ok(await unsavedSince(user.id), "the regenerated set is unsaved");
  assert.equal(await confirmBackupCodesSaved(user.id, backupCodeField.parse(old[0])), false);
  assert.ok(await unsavedSince(user.id), "an old page's code leaves the new set unsaved");
  // A used code still belongs to the current set.
  assert.equal(await consumeBackupCode(user.id, backupCodeField.parse(fresh[0]), null), true);
  assert.equal(await confirmBackupCodesSaved(user.id, backupCodeField.parse(fresh[0])), true);
  assert.equal(await unsavedSince(user.id), null);
});

test("a code of another account confirms nothing", async () => {
  const owner = await accountWithTwoFactor("owner1");
  const other = await accountWithTwoFactor("other1");
  await db().$transaction((tx) => replaceBackupCodes(tx, owner.id));
  const others = await db().$transaction((tx) => replaceBackupCodes(tx, other.id));
  assert.equal(await confirmBackupCodesSaved(owner.id, backupCodeField.parse(others[0])), false);
  assert.ok(await unsavedSince(owner.id));
  assert.ok(await unsavedSince(other.id));
});
