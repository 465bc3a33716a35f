import "server-only";
import type { Client } from "@libsql/client";
import { config } from "@/lib/config";
import { db, type Db } from "./client";
import { renewingClient } from "./sqlite-adapter";

/**
 * Runs `erase` (an update or delete that removes a secret, such as a delivered email's link) so that
 * no copy is left in the database files. SQLite otherwise keeps the old bytes in the freed part of
 * the page and in earlier frames of the write-ahead log, where a copy of the files would show them:
 * secure_delete, on for every connection from its opening (lib/db/sqlite-adapter.ts), zeroes what the
 * statement frees, and a truncating checkpoint then drops the old frames. PostgreSQL's dumps hold
 * live rows only.
 */
export async function eraseSecurely<T>(erase: (tx: Db) => Promise<T>): Promise<T> {
  const result = await erase(db());
  // Best effort: the erase itself has committed; a checkpoint held off by readers is tried again shortly.
  if (config().databaseProvider === "sqlite") await truncateLog(config().databaseUrl).catch(() => false);
  return result;
}

let checkpointClient: Client | undefined;

let retry: NodeJS.Timeout | undefined;

/**
 * A truncating checkpoint holds off writers while it waits for readers, so it runs on a connection of
 * its own that waits 100 ms at most. When readers kept it from finishing (SQLite reports "busy"), it
 * is tried again a second later, until it completes, so the old frames do not stay until the next erase.
 */
async function truncateLog(databaseUrl: string, attemptsLeft = 30): Promise<boolean> {
  checkpointClient ??= renewingClient({ url: databaseUrl });
  await checkpointClient.execute("PRAGMA busy_timeout = 100");
  const { rows } = await checkpointClient.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const done = Number(rows[0]?.[0] ?? 1) === 0;
  if (!done && attemptsLeft > 0 && !retry) {
    retry = setTimeout(() => {
      retry = undefined;
      void truncateLog(databaseUrl, attemptsLeft - 1).catch(() => false);
    }, 1_000);
    retry.unref();
  }
  return done;
}
