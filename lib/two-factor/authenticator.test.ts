import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { newAccount, reload } from "@/lib/test-support/accounts";
import { codeNow, withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { acceptAuthenticatorCode } from "@/lib/two-factor/authenticator";

freshDatabaseForEachFile();

test("after a code of an earlier step, the code of a later step is accepted and recorded", async () => {
  const { user, secret } = await withAuthenticatorOn((await newAccount()).id);
  const step = Math.floor(Date.now() / 1000 / 30);
  const before = await db().user.update({ where: { id: user.id }, data: { totpLastUsedStep: step - 2 } });
  assert.equal(await acceptAuthenticatorCode(before, codeNow(secret)), true);
  assert.ok(((await reload(user.id)).totpLastUsedStep ?? 0) >= step);
});
