import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/prisma/generated/postgresql";
import { PrismaClient } from "@/prisma/generated/sqlite";
import { config } from "@/lib/config";
import { SQLITE_BUSY_TIMEOUT_MS } from "./migrate";

export type { Prisma, Role, TokenPurpose, User, Session } from "@/prisma/generated/sqlite";

/** A client or an interactive transaction: library functions accept either. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * One client per process. Both generated clients have the same models and API (the schemas differ only
 * in their provider), so the PostgreSQL one is typed as the SQLite one.
 */
export function createClient(databaseUrl: string): PrismaClient {
  if (databaseUrl.startsWith("file:")) {
    return new PrismaClient({ adapter: new PrismaLibSQL({ url: databaseUrl, timeout: SQLITE_BUSY_TIMEOUT_MS }), errorFormat: "minimal" });
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl });
  return new PostgresClient({ adapter, errorFormat: "minimal" }) as unknown as PrismaClient;
}

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.prisma ??= createClient(config().databaseUrl);
  return globalForDb.prisma;
}
