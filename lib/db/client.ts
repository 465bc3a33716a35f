import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/prisma/generated/postgresql";
import { PrismaClient } from "@/prisma/generated/sqlite";
import { config } from "@/lib/config";
import { SQLITE_BUSY_TIMEOUT_MS } from "./migrate";
import { RecoveringPrismaLibSQL } from "./sqlite-adapter";
import { ensurePrivateSqliteFiles } from "./sqlite-file";

export type { ColorScheme, Prisma, Role, SecurityKey, TokenPurpose, User, Session } from "@/prisma/generated/sqlite";

/** A client or an interactive transaction: library functions accept either. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const CONNECTION_WAIT_MS = 15_000;
/** How long a transaction may take, waits for locks included, before Prisma rolls it back. */
const TRANSACTION_TIMEOUT_MS = 20_000;

/**
 * One client per process. Both generated clients have the same models and API (the schemas differ only
 * in their provider), so the PostgreSQL one is typed as the SQLite one.
 */
export function createClient(databaseUrl: string): PrismaClient {
  if (databaseUrl.startsWith("file:")) {
    ensurePrivateSqliteFiles(databaseUrl);
    return new PrismaClient({
      adapter: new RecoveringPrismaLibSQL({ url: databaseUrl, timeout: SQLITE_BUSY_TIMEOUT_MS }),
      errorFormat: "minimal",
      // The SQLite adapter runs one transaction at a time per process, so a transaction queues behind
      // the others; Prisma's default would fail it after 2 s in that queue, on a busy but healthy server.
      transactionOptions: { maxWait: SQLITE_BUSY_TIMEOUT_MS, timeout: TRANSACTION_TIMEOUT_MS },
    });
  }
  const adapter = new PrismaPg(
    // A request waits at most 15 s for a connection (busy pool or server away), then fails, never hangs.
    { connectionString: databaseUrl, connectionTimeoutMillis: CONNECTION_WAIT_MS, idleTimeoutMillis: 30_000, keepAlive: true },
    {
      // When the server restarts, idle connections die: pg's pool drops them (a broken connection is
      // never lent out again) and opens new ones on demand. Logged, never thrown: an unhandled
      // 'error' event would end the process.
      onPoolError: (error) => console.error("database: idle connection lost:", error.message),
      onConnectionError: (error) => console.error("database: connection lost:", error.message),
    },
  );
  return new PostgresClient({
    adapter,
    errorFormat: "minimal",
    // Prisma's default is to give up on a transaction after waiting 2 s for a connection: under load
    // every connection can be busy that long, and the user would get an error for a wait.
    transactionOptions: { maxWait: CONNECTION_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS },
  }) as unknown as PrismaClient;
}

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.prisma ??= createClient(config().databaseUrl);
  return globalForDb.prisma;
}
