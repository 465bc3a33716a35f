// Prisma CLI configuration for the PostgreSQL schema, used for `prisma generate` and `prisma migrate
// diff` only (see sqlite.config.ts for why the app applies migrations itself). `migrate diff` connects
// to the server named by DATABASE_URL.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/test";
const connectionString = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "postgresql/schema.prisma",
  migrations: { path: "postgresql/migrations" },
  adapter: async () => new PrismaPg({ connectionString }),
});
