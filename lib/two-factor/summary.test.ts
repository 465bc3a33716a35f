import assert from "node:assert/strict";
import { test } from "node:test";
import { replaceBackupCodes } from "@/lib/backup-codes/codes";
import { db } from "@/lib/db/client";
import { newAccount, reload } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { twoFactorSummary } from "./summary";

freshDatabaseForEachFile();

const addKey = (userId: string, credentialId: string) =>
  db().securityKey.create({ data: { userId, name: credentialId, credentialId, publicKey: "cHVibGlj" } });

test("with two-factor authentication off, no methods and no codes", async () => {
  const user = await newAccount();
  assert.deepEqual(await twoFactorSummary(user, true), { enabled: false, methods: [], backupCodesRemaining: 0, backupCodesUnsaved: false });
});

test("names each second factor in use, counts the keys and the codes left, and says when the codes were never saved", async () => {
  const user = await newAccount();
  const now = new Date();
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: now, totpEnabledAt: now, emailCodesEnabled: true } });
  await addKey(user.id, "first-key");
  await addKey(user.id, "second-key");
  await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  assert.deepEqual(await twoFactorSummary(await reload(user.id), true), {
    enabled: true,
    methods: ["Authenticator app", "2 security keys", "Codes by email"],
    backupCodesRemaining: 10,
    backupCodesUnsaved: true,
  });
  assert.deepEqual(
    (await twoFactorSummary(await reload(user.id), false)).methods,
    ["Authenticator app", "2 security keys"],
    "codes by email forbidden by the operator are not offered",
  );
});

test("one security key alone", async () => {
  const user = await newAccount();
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: new Date() } });
  await addKey(user.id, "only-key");
  assert.deepEqual((await twoFactorSummary(await reload(user.id), true)).methods, ["1 security key"]);
});

test("off means nothing is listed, whatever rows are left from before", async () => {
  const user = await newAccount();
  await db().user.update({ where: { id: user.id }, data: { emailCodesEnabled: true, backupCodesUnsavedSince: new Date() } });
  await addKey(user.id, "left-over-key");
  assert.deepEqual(await twoFactorSummary(await reload(user.id), true), {
    enabled: false,
    methods: [],
    backupCodesRemaining: 0,
    backupCodesUnsaved: false,
  });
});

test("the authenticator app alone: no security keys are listed, and saved codes are not flagged", async () => {
  const user = await newAccount();
  const now = new Date();
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: now, totpEnabledAt: now, backupCodesUnsavedSince: null } });
  assert.deepEqual(await twoFactorSummary(await reload(user.id), true), {
    enabled: true,
    methods: ["Authenticator app"],
    backupCodesRemaining: 0,
    backupCodesUnsaved: false,
  });
});
