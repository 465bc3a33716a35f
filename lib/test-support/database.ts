import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDatabase } from "./postgres";

/**
 * Gives the calling test file a database of its own, migrated and empty: a new SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database on it, dropped afterwards. Call it at
 * the top of the file: it registers the file's `before` and `after` hooks, and the `before` hook
 * runs ahead of anything that reads the configuration.
 */
export function freshDatabaseForEachFile(): { url: () => string } {
  let databaseUrl = "";
  let dropDatabase = async () => {};
  before(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-test-"));
    process.env.DATA_DIR = dataDir;
    process.env.BCRYPT_COST ??= "4";
    const server = process.env.TEST_DATABASE_URL;
    if (server?.startsWith("postgres")) {
      ({ url: databaseUrl, drop: dropDatabase } = await createPostgresDatabase(server));
    } else {
      databaseUrl = `file:${path.join(dataDir, "test.db")}`;
    }
    process.env.DATABASE_URL = databaseUrl;
    await migrate(databaseUrl);
  });
  after(async () => {
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
    await dropDatabase();
  });
  return { url: () => databaseUrl };
}
