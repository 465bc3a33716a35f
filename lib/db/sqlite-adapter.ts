import { createClient, type Client, type Config, type Transaction } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/**
 * Prisma's SQLite adapter, on one connection whose commits wait for the disk only at checkpoints
 * (WAL with synchronous=NORMAL): @libsql/client runs statements on the event loop, so with SQLite's
 * default (FULL) every commit held the whole process for an fsync, several per sign-in. A commit still
 * survives the process being killed; only a power cut or an OS crash can undo the last few, never
 * leaving the database inconsistent (each security change commits with its audit row in one
 * transaction, so they would go together). The adapter runs one statement or transaction at a time,
 * so one connection loses nothing.
 *
 * And two repairs, both about another process (the command line) using the
 * same database file:
 * - A transaction takes the write lock when it begins, so another process's write cannot come between
 *   its first read and its first write (that write would fail at once: SQLITE_BUSY_SNAPSHOT).
 * - When a statement fails on the lock (SQLITE_BUSY), @libsql/client leaves it unfinished on its
 *   connection and lends that connection out again: every later COMMIT on it failed ("SQL statements
 *   in progress"), so one lock error broke every write until a restart. After a lock error, the next
 *   call closes the client's connections, which ends the statement, and opens new ones. The adapter
 *   runs one statement or transaction at a time, so nothing else is using them by then.
 */
export class RecoveringPrismaLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return renewingClient(config);
  }
}

/** Calls that run statements: an error from one of them may leave its statement unfinished. */
const RUNS_STATEMENTS = new Set(["execute", "batch", "executeMultiple", "migrate", "commit"]);

/** A @libsql/client client that closes and reopens its connections after a lock error (see above). */
export function renewingClient(config: Config): Client {
  let client = open(config);
  let broken = false;
  const current = () => {
    if (broken) {
      client.close();
      client = open(config);
      broken = false;
    }
    return client;
  };
  const noteLockErrors = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (isLockError(error)) broken = true;
      throw error;
    }
  };
  // The client and each of its transactions, with every call that runs statements watched.
  const watched = <T extends object>(target: () => T): T =>
    new Proxy({} as T, {
      get(_, name) {
        const object = target();
        const value: unknown = Reflect.get(object, name);
        if (typeof value !== "function") return value;
        if (name === "transaction") {
          // "write" begins with BEGIN IMMEDIATE; the adapter asks for "deferred".
          return async () => {
            const transaction = (await noteLockErrors(() => value.call(object, "write"))) as Transaction;
            return watched(() => transaction);
          };
        }
        if (RUNS_STATEMENTS.has(String(name))) return (...args: unknown[]) => noteLockErrors(() => value.apply(object, args));
        return value.bind(object);
      },
    });
  return watched(current);
}

/**
 * One connection, set up before anything else can borrow it (the client queues calls until it is free).
 * secure_delete from the start, on every connection (the app's, one reopened after a lock error, the
 * command line's): a row a page split moves leaves no readable copy behind, so an email body erased
 * after delivery (its link's token) is gone from the file, not only from the row.
 */
function open(config: Config): Client {
  const client = createClient({ ...config, concurrency: 1 });
  for (const pragma of ["PRAGMA synchronous = NORMAL", "PRAGMA secure_delete = ON"]) {
    client.execute(pragma).catch((error: unknown) => console.error(`database: could not set ${pragma}:`, error));
  }
  return client;
}

function isLockError(error: unknown): boolean {
  const { code, extendedCode } = error as { code?: string; extendedCode?: string };
  return /^SQLITE_(BUSY|LOCKED)/.test(code ?? "") || /^SQLITE_(BUSY|LOCKED)/.test(extendedCode ?? "");
}
