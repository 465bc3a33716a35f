import path from "node:path";
import { ensurePrivateFile, tightenIfPresent } from "../security/private-files";

/**
 * Makes a SQLite database file readable by its owner only before SQLite opens it. SQLite creates
 * a missing database as 0644 less the umask, then gives its -wal, -shm and -journal files the
 * database's mode; those left by an earlier, looser start are tightened too.
 */
export function ensurePrivateSqliteFiles(databaseUrl: string): void {
  const file = sqliteFilePath(databaseUrl);
  if (!file) return;
  ensurePrivateFile(file);
  for (const suffix of ["-wal", "-shm", "-journal"]) tightenIfPresent(`${file}${suffix}`);
}

/** The file a `file:` URL names (`file:./data/app.db`, `file:/srv/app.db`, `file:///srv/app.db`), or null for an in-memory database. */
export function sqliteFilePath(databaseUrl: string): string | null {
  let rest = databaseUrl.replace(/^file:/, "").replace(/[?#].*$/, "");
  if (rest.startsWith("//")) rest = rest.replace(/^\/\/[^/]*/, "");
  const file = decodeURIComponent(rest);
  if (file === "" || file === ":memory:") return null;
  return path.resolve(file);
}
