import assert from "node:assert/strict";
import { test } from "node:test";
import { consumeBackupCode, replaceBackupCodes } from "@/lib/backup-codes/codes";
import { db, type Role } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { changeAccountEmail, changeAccountRole, confirmAccount } from "./account-changes";
import { AdminActionError } from "./actor";
import type { RequestContext } from "@/lib/request/context";
import { sendPasswordResetForUser } from "./send-password-reset";
import { auditOf, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { disableTwoFactorForUser, regenerateBackupCodesForUser } from "./two-factor";

freshDatabaseForEachFile();

const ownAccount = (error: unknown) => error instanceof AdminActionError && error.message === "Change your own account in Preferences.";

test("no one acts on their own account through Administration, whatever their role: every action is refused and nothing changes", async () => {
  for (const role of ["ADMIN", "OWNER", "USER"] satisfies Role[]) {
    const created = await newAccount(role);
    await db().user.update({
      where: { id: created.id },
      data: { totpSecret: "v1.x.y.z", totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
    });
    const codes = await db().$transaction((tx) => replaceBackupCodes(tx, created.id));
    const self = await reload(created.id);
    const by: RequestContext = { actorId: self.id, ip: "198.51.100.7" };

    const attempts: [string, () => Promise<void>][] = [
      ["send a password reset", () => sendPasswordResetForUser(self.id, by)],
      ["change the email address", () => changeAccountEmail(self.id, `elsewhere-${self.username}@example.com`, by)],
      ["confirm the account", () => confirmAccount(self.id, by)],
      ["change the role", () => changeAccountRole(self.id, "USER", by)],
      ["disable two-factor authentication", () => disableTwoFactorForUser(self.id, by)],
      ["regenerate the backup codes", () => regenerateBackupCodesForUser(self.id, by)],
    ];
    for (const [action, attempt] of attempts) await assert.rejects(attempt, ownAccount, `${role}: ${action}`);

    assert.deepEqual(await reload(self.id), self, `${role}: the account is unchanged`);
    assert.deepEqual(
      (await auditOf(self.id)).map((row) => row.action),
      ["account.created"],
      `${role}: nothing recorded`,
    );
    assert.equal((await outboxTo(self.email)).length, 0, `${role}: nothing mailed`);
    assert.equal(await db().userToken.count({ where: { userId: self.id } }), 0, `${role}: no link issued`);
    assert.equal(await consumeBackupCode(self.id, (codes[0] as string).replace(/-/g, ""), null), true, `${role}: the codes still work`);
  }
});

test("an actor whose account no longer exists acts on no one, and nothing changes", async () => {
  const user = await newAccount();
  const gone = await newAccount("OWNER");
  await db().user.delete({ where: { id: gone.id } });
  await assert.rejects(changeAccountRole(user.id, "ADMIN", { actorId: gone.id, ip: null }), (error: unknown) => {
    return error instanceof AdminActionError && error.message === "You can only manage accounts with a lower role than yours.";
  });
  assert.equal((await reload(user.id)).role, "USER");
});

test("the operator (the command line, no actor) still acts on any account", async () => {
  const owner = await newAccount("OWNER");
  await changeAccountRole(owner.id, "ADMIN", { actorId: null, ip: null });
  assert.equal((await reload(owner.id)).role, "ADMIN");
  await sendPasswordResetForUser(owner.id, { actorId: null, ip: null });
  assert.equal((await outboxTo(owner.email)).length, 1);
});
