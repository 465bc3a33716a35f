import assert from "node:assert/strict";
import { test } from "node:test";
import { findPendingSignIn, startPendingSignIn, voidPendingSignIn, voidPendingSignIns } from "@/lib/auth/pending-sign-in";
import { db } from "@/lib/db/client";
import { browser, digest, newAccount } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

const rowOf = (token: string) => db().pendingSignIn.findUniqueOrThrow({ where: { tokenHash: digest(token) } });
const pendingIds = async (userId: string) =>
  (await db().pendingSignIn.findMany({ where: { userId }, orderBy: { id: "asc" } })).map((row) => row.id);

test("the browser's user agent is stored cut to 512 characters, and an absent one as null", async () => {
  const user = await newAccount();
  assert.equal((await rowOf(await startPendingSignIn(user, browser))).userAgent, browser.userAgent);

  const long = "Mozilla/5.0 " + "x".repeat(600);
  const stored = (await rowOf(await startPendingSignIn(user, { ip: "192.0.2.41", userAgent: long }))).userAgent;
  assert.equal(stored?.length, 512);
  assert.equal(stored, long.slice(0, 512));

  assert.equal((await rowOf(await startPendingSignIn(user, { ip: "192.0.2.42" }))).userAgent, null);
  assert.equal((await rowOf(await startPendingSignIn(user, { ip: "192.0.2.43", userAgent: null }))).userAgent, null);
});

test("voiding a pending sign-in deletes only that one, and says true only the first time", async () => {
  const user = await newAccount();
  const other = await newAccount();
  const target = await startPendingSignIn(user, browser);
  const sibling = await startPendingSignIn(user, browser);
  const elsewhere = await startPendingSignIn(other, browser);
  const { id } = await rowOf(target);
  const total = await db().pendingSignIn.count();

  assert.equal(await voidPendingSignIn(id), true);
  assert.equal(await findPendingSignIn(target), null);
  assert.deepEqual(await pendingIds(user.id), [(await rowOf(sibling)).id], "the account's other pending sign-in survives");
  assert.ok(await findPendingSignIn(sibling));
  assert.ok(await findPendingSignIn(elsewhere), "another account's pending sign-in survives");

  assert.equal(await voidPendingSignIn(id), false, "already voided");
  assert.equal(await voidPendingSignIn("no-such-pending-sign-in"), false);
  assert.equal(await db().pendingSignIn.count(), total - 1, "nothing else was deleted");
});

test("voiding an account's pending sign-ins leaves other accounts' alone", async () => {
  const user = await newAccount();
  const other = await newAccount();
  await startPendingSignIn(user, browser);
  await startPendingSignIn(user, browser);
  const kept = [await startPendingSignIn(other, browser), await startPendingSignIn(other, browser)];
  const keptIds = await pendingIds(other.id);
  assert.equal(keptIds.length, 2);

  await voidPendingSignIns(user.id);
  assert.deepEqual(await pendingIds(user.id), []);
  assert.deepEqual(await pendingIds(other.id), keptIds);
  for (const token of kept) assert.ok(await findPendingSignIn(token));
});
