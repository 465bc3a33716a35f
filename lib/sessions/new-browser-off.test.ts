import assert from "node:assert/strict";
import { before, test } from "node:test";
import { newAccount, outboxTo } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { randomToken } from "@/lib/tokens/random";
import { activateSignInGrant, createSignInGrant } from "./sessions";

freshDatabaseForEachFile();
// Before anything reads the configuration, which is read once per process.
before(() => {
  process.env.NEW_BROWSER_EMAILS = "false";
});

test("NEW_BROWSER_EMAILS=false: a sign-in from a new browser sends nothing", async () => {
  const user = await newAccount();
  for (let browser = 0; browser < 3; browser++) {
    assert.ok(await activateSignInGrant(await createSignInGrant(user.id, { ip: "203.0.113.81", deviceId: randomToken() }, "password")));
  }
  assert.equal((await outboxTo(user.email)).length, 0);
});
