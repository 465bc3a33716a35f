import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * What a thief of the app's database would have: the SQLite file and its write-ahead log as raw
 * bytes, or a pg_dump of the PostgreSQL database.
 */
export function stolenDatabase(): string {
  const env = JSON.parse(process.env.E2E_APP_ENV as string) as Record<string, string>;
  if (env.DATABASE_URL?.startsWith("postgres")) return execFileSync("pg_dump", [env.DATABASE_URL]).toString("utf8");
  return ["app.db", "app.db-wal"]
    .map((name) => {
      try {
        return readFileSync(path.join(env.DATA_DIR as string, name)).toString("latin1");
      } catch {
        return "";
      }
    })
    .join("\n");
}
