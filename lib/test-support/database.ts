import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";

/**
 * Gives the calling test file a database of its own, migrated and empty: a new SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database on it, dropped afterwards. Call it at
 * the top of the file: it registers the file's `before` and `after` hooks, and the `before` hook
 * runs ahead of anything that reads the configuration.
 */
export function useFreshDatabase(): { url: () => string } {
  let databaseUrl = "";
  let dropDatabase = async () => {};
  before(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-test-"));
    process.env.DATA_DIR = dataDir;
    process.env.BCRYPT_COST ??= "4";
    const server = process.env.TEST_DATABASE_URL;
    if (server?.startsWith("postgres")) {
      const name = `keyring_test_${randomBytes(6).toString("hex")}`;
      await withPostgres(server, (client) => client.query(`CREATE DATABASE ${name}`));
      databaseUrl = withDatabaseName(server, name);
      dropDatabase = () => withPostgres(server, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
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

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
