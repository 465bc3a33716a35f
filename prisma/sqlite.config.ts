// Prisma CLI configuration for the SQLite schema, used for `prisma generate` and `prisma migrate diff`
// only. The app applies migrations itself at start (lib/db/migrate.ts): Prisma 6's native schema
// engine is a binary this machine cannot download, and its JavaScript engine cannot read PostgreSQL's
// catalog (prisma#27403).
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "file:./data/app.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "sqlite/schema.prisma",
  migrations: { path: "sqlite/migrations" },
  adapter: async () => new PrismaLibSQL({ url: "file::memory:" }),
});
