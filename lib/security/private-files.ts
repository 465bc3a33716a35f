// No "server-only" marker: server.ts prepares the data folder and the database before Next.js starts.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";

/**
 * Files holding data or secrets (the database and its -wal and -shm files, the local mailbox,
 * secrets.json) are readable by their owner only. Modes are set explicitly, never left to the
 * umask (commonly 022: readable by every local user).
 */

/** Creates the folder (and its parents) as 0700, or takes group and other access away from an existing one. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  tighten(folder);
}

/**
 * Creates an empty file as 0600 if it does not exist (before SQLite creates it as 0644), or takes
 * group and other access away from an existing one. SQLite gives a database's -wal, -shm and -journal
 * files the database file's mode.
 */
export function ensurePrivateFile(file: string): void {
  // Never opens an existing file: closing any descriptor of a database file drops every SQLite lock
  // this process holds on it (POSIX locks belong to the process), while a connection may be open.
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  tighten(file);
}

/** Takes group and other access away from the file or folder if it exists. */
export function tightenIfPresent(file: string): void {
  try {
    tighten(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function tighten(file: string): void {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) chmodSync(file, mode & 0o700);
}
