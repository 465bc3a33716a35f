import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient } from "@libsql/client";
import { newAccount } from "@/lib/test-support/accounts";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

test("after another process held the lock past the busy timeout, writes work again", async (t) => {
  if (config().databaseProvider !== "sqlite") return t.skip("SQLite's lock");
  const user = await newAccount();
  const signIn = () => db().$transaction((tx) => tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }));

  const other = createClient({ url: config().databaseUrl });
  const lock = await other.transaction("write");
  try {
    await assert.rejects(signIn, /timed out/, "the write waited out the busy timeout, then failed");
  } finally {
    await lock.rollback();
    other.close();
  }

  // Before the repair, every transaction from here on failed at COMMIT ("SQL statements in progress").
  for (let attempt = 0; attempt < 3; attempt++) await signIn();
  await db().rateLimit.create({ data: { key: "after-the-lock", count: 1, resetAt: new Date(Date.now() + 60_000) } });
  assert.equal((await db().rateLimit.updateMany({ where: { key: "after-the-lock" }, data: { count: { increment: 1 } } })).count, 1);
});

test("another process's write cannot come between a transaction's read and its write", async (t) => {
  if (config().databaseProvider !== "sqlite") return t.skip("SQLite's lock");
  const user = await newAccount();
  const other = createClient({ url: config().databaseUrl });
  await other.execute("PRAGMA busy_timeout = 0");
  let otherWrite = "not tried";
  try {
    await db().$transaction(async (tx) => {
      await tx.user.findUniqueOrThrow({ where: { id: user.id } });
      otherWrite = await other.execute({ sql: `UPDATE "User" SET "lastSignInAt" = 0 WHERE "id" = ?`, args: [user.id] }).then(
        () => "went through",
        (error: { code?: string }) => error.code ?? "failed",
      );
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    });
  } finally {
    other.close();
  }
  // Before, the other write went through and this transaction's write then failed (SQLITE_BUSY_SNAPSHOT).
  assert.equal(otherWrite, "SQLITE_BUSY", "the other process waits for the transaction to end");
});

test("the app's SQLite commits wait for the disk only at checkpoints: WAL with synchronous NORMAL, on every connection it opens", async (t) => {
  if (config().databaseProvider !== "sqlite") return t.skip("SQLite's settings");
  // A transaction, then a statement: each may be given a connection of its own.
  const [inTransaction] = await db().$transaction((tx) => tx.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous"));
  const [outside] = await db().$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
  const [journal] = await db().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  assert.equal(journal?.journal_mode, "wal");
  // 1 is NORMAL: a commit survives the process being killed; only a power cut can undo the last few.
  assert.equal(Number(inTransaction?.synchronous), 1);
  assert.equal(Number(outside?.synchronous), 1);
});

test("every connection of the app zeroes what it frees (secure_delete), before any erase asks for it", async (t) => {
  if (config().databaseProvider !== "sqlite") return t.skip("SQLite's settings");
  const [inTransaction] = await db().$transaction((tx) => tx.$queryRawUnsafe<{ secure_delete: number | bigint }[]>("PRAGMA secure_delete"));
  const [outside] = await db().$queryRawUnsafe<{ secure_delete: number | bigint }[]>("PRAGMA secure_delete");
  assert.equal(Number(inTransaction?.secure_delete), 1);
  assert.equal(Number(outside?.secure_delete), 1);
});
