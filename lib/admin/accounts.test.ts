import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { newAccount } from "@/lib/test-support/accounts";
import { accountState, searchAccounts } from "./accounts";

freshDatabaseForEachFile();

test("accounts are searched by email or username, a page at a time, with the total", async () => {
  const users = [await newAccount(), await newAccount(), await newAccount("ADMIN")];
  const all = await searchAccounts({ query: "", page: 1, pageSize: 2 });
  assert.equal(all.total, 3);
  assert.equal(all.users.length, 2);
  const second = await searchAccounts({ query: "", page: 2, pageSize: 2 });
  assert.equal(second.users.length, 1);
  assert.equal(new Set([...all.users, ...second.users].map((user) => user.id)).size, 3);

  const byName = await searchAccounts({ query: users[2]!.username, page: 1, pageSize: 25 });
  assert.deepEqual(
    byName.users.map((user) => user.id),
    [users[2]!.id],
  );
  const byEmail = await searchAccounts({ query: "admin_", page: 1, pageSize: 25 });
  assert.equal(byEmail.total, 1);
});

test("the search finds an account by its address alone or its username alone; newest first, ties by id", async () => {
  const distinct = await newAccount();
  await db().user.update({ where: { id: distinct.id }, data: { email: "zebra-mailbox@example.com", username: "quokka_name" } });
  assert.deepEqual(
    (await searchAccounts({ query: "zebra-mailbox", page: 1, pageSize: 25 })).users.map((user) => user.id),
    [distinct.id],
  );
  assert.deepEqual(
    (await searchAccounts({ query: "quokka_name", page: 1, pageSize: 25 })).users.map((user) => user.id),
    [distinct.id],
  );

  const at = new Date("2026-01-01T00:00:00Z");
  // Created last but older by its date: the order is by creation date, not by id.
  const [tieA, tieB, older] = [await newAccount(), await newAccount(), await newAccount()];
  await db().user.update({ where: { id: older!.id }, data: { createdAt: new Date(at.getTime() - 60_000), username: "ordered_older" } });
  await db().user.update({ where: { id: tieA!.id }, data: { createdAt: at, username: "ordered_tie_a" } });
  await db().user.update({ where: { id: tieB!.id }, data: { createdAt: at, username: "ordered_tie_b" } });
  const ordered = (await searchAccounts({ query: "ordered_", page: 1, pageSize: 25 })).users.map((user) => user.id);
  const ties = [tieA!.id, tieB!.id].sort().reverse();
  assert.deepEqual(ordered, [...ties, older!.id]);
});

test("one account's state: no keys and no codes without two-factor authentication; none for an unknown id", async () => {
  const user = await newAccount();
  assert.deepEqual(await accountState(user.id), { user, securityKeys: 0, backupCodesLeft: 0 });
  assert.equal(await accountState("no-such-account"), null);
});
