import assert from "node:assert/strict";
import { createClient } from "@libsql/client";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkpointSqlite } from "./migrate";

test("the checkpoint at stop empties SQLite's log, where an erased row's old copy would stay", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "keyring-checkpoint-")), "app.db");
  const url = `file:${file}`;
  const client = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA wal_autocheckpoint = 0");
  await client.execute("CREATE TABLE mail (body TEXT)");
  await client.execute("INSERT INTO mail VALUES ('link-token-that-was-mailed')");
  await client.execute("PRAGMA secure_delete = ON");
  await client.execute("UPDATE mail SET body = ''");
  assert.ok(readFileSync(`${file}-wal`).includes("link-token-that-was-mailed"), "before: the log holds the old row");

  await checkpointSqlite(url);
  assert.equal(statSync(`${file}-wal`).size, 0);
  assert.ok(!readFileSync(file).includes("link-token-that-was-mailed"), "and the database file holds only the erased row");
  client.close();
});
