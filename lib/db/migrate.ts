import { createClient as createLibsqlClient } from "@libsql/client";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensurePrivateSqliteFiles } from "./sqlite-file";

/**
 * Applies the SQL migrations in prisma/<provider>/migrations, in name order, each in its own
 * transaction, and records them in _app_migrations. Safe to run from several processes at once: SQLite
 * takes the write lock before checking, PostgreSQL an advisory lock.
 *
 * Prisma's own `migrate deploy` is not used at run time: see prisma/sqlite.config.ts.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const provider = databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
  const migrations = readMigrations(provider);
  return provider === "sqlite" ? migrateSqlite(databaseUrl, migrations) : migratePostgres(databaseUrl, migrations);
}

/** How long a SQLite write waits for another process's write to finish before it fails (app and migrations alike). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

type Migration = { name: string; sql: string };

function readMigrations(provider: "sqlite" | "postgresql"): Migration[] {
  const folder = path.join(process.cwd(), "prisma", provider, "migrations");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(folder, name, "migration.sql"), "utf8") }));
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_app_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`;

async function migrateSqlite(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  ensurePrivateSqliteFiles(databaseUrl);
  const client = createLibsqlClient({ url: databaseUrl, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const applied: string[] = [];
  try {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(CREATE_TABLE);
    for (const migration of migrations) {
      const transaction = await client.transaction("write");
      try {
        const alreadyApplied = await transaction.execute({
          sql: `SELECT 1 FROM "_app_migrations" WHERE "name" = ?`,
          args: [migration.name],
        });
        if (alreadyApplied.rows.length === 0) {
          await transaction.executeMultiple(migration.sql);
          await transaction.execute({
            sql: `INSERT INTO "_app_migrations" ("name", "appliedAt") VALUES (?, ?)`,
            args: [migration.name, new Date().toISOString()],
          });
          applied.push(migration.name);
        }
        await transaction.commit();
      } finally {
        transaction.close();
      }
    }
  } finally {
    client.close();
  }
  return applied;
}

const MIGRATION_LOCK = 7_201_511;

async function migratePostgres(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(CREATE_TABLE);
    const alreadyApplied = await client.query<{ name: string }>(`SELECT "name" FROM "_app_migrations"`);
    const appliedNames = new Set(alreadyApplied.rows.map((row) => row.name));
    for (const migration of migrations.filter((candidate) => !appliedNames.has(candidate.name))) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_app_migrations" ("name", "appliedAt") VALUES ($1, $2)`, [
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.name);
    }
  } finally {
    await client.end();
  }
  return applied;
}

/**
 * Folds SQLite's write-ahead log into the database file and empties it, for a process that is about
 * to stop: the log's older frames still hold rows as they were before an erase (a delivered email's
 * link), and a process ended by a signal would leave them on disk. Waits up to 2 s for readers.
 */
export async function checkpointSqlite(databaseUrl: string): Promise<void> {
  if (!databaseUrl.startsWith("file:")) return;
  const client = createLibsqlClient({ url: databaseUrl, timeout: 2_000 });
  try {
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    client.close();
  }
}
