import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseConfig } from "@/lib/config/parse";
import { createClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

/** A DATA_DIR that does not exist yet, in a fresh folder: what a first start finds. */
const newDataDir = () => path.join(mkdtempSync(path.join(tmpdir(), "keyring-files-")), "data");

/** Starts as server.ts does (configuration, migrations), then writes through the app's client so the WAL holds something. */
async function startAndWrite(dataDir: string) {
  const { databaseUrl } = parseConfig({ DATA_DIR: dataDir, NODE_ENV: "test" });
  await migrate(databaseUrl);
  const client = createClient(databaseUrl);
  try {
    await client.rateLimit.create({ data: { key: `files-${Date.now()}`, count: 1, resetAt: new Date(Date.now() + 60_000) } });
  } finally {
    await client.$disconnect();
  }
}

/** Every file and folder under `folder` (itself included) that anyone but the owner may read, write or enter. */
function openToOthers(folder: string): string[] {
  const entries = [folder, ...readdirSync(folder, { recursive: true, encoding: "utf8" }).map((name) => path.join(folder, name))];
  return entries
    .filter((entry) => (statSync(entry).mode & 0o077) !== 0)
    .map((entry) => `${entry} (${(statSync(entry).mode & 0o777).toString(8)})`);
}

test("a first start creates the data folder, the database, its -wal and -shm files and the secrets for their owner only", async () => {
  const previous = process.umask(0o022);
  try {
    const dataDir = newDataDir();
    await startAndWrite(dataDir);
    const names = readdirSync(dataDir);
    for (const name of ["app.db", "app.db-wal", "app.db-shm", "secrets.json"])
      assert.ok(names.includes(name), `${name} exists (found ${names.join(", ")})`);
    assert.deepEqual(openToOthers(dataDir), [], "the folder is 0700 and every file in it 0600");
  } finally {
    process.umask(previous);
  }
});

test("an installation made before this rule (0755 folder, 0644 files) is made private on the next start", async () => {
  const dataDir = newDataDir();
  await startAndWrite(dataDir);
  chmodSync(dataDir, 0o755);
  for (const name of readdirSync(dataDir)) chmodSync(path.join(dataDir, name), 0o644);
  await startAndWrite(dataDir);
  assert.deepEqual(openToOthers(dataDir), []);
});

test("a database outside DATA_DIR is created private too", async () => {
  const dataDir = newDataDir();
  const elsewhere = path.join(mkdtempSync(path.join(tmpdir(), "keyring-files-")), "elsewhere");
  mkdirSync(elsewhere, { mode: 0o755 });
  writeFileSync(path.join(elsewhere, "unrelated.txt"), "not ours");
  const databaseUrl = `file:${path.join(elsewhere, "keyring.db")}`;
  parseConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NODE_ENV: "test" });
  await migrate(databaseUrl);
  const client = createClient(databaseUrl);
  await client.rateLimit.create({ data: { key: "elsewhere", count: 1, resetAt: new Date(Date.now() + 60_000) } });
  await client.$disconnect();
  for (const name of ["keyring.db", "keyring.db-wal", "keyring.db-shm"]) {
    assert.equal(statSync(path.join(elsewhere, name)).mode & 0o777, 0o600, name);
  }
  // The operator's own folder and files are theirs to set.
  assert.equal(statSync(elsewhere).mode & 0o777, 0o755);
});
