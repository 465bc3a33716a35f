import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const read = (provider: string) => readFileSync(`prisma/${provider}/schema.prisma`, "utf8");
const migrations = (provider: string) =>
  readdirSync(`prisma/${provider}/migrations`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

test("the SQLite and PostgreSQL schemas differ only in their provider and output folder", () => {
  const neutral = (schema: string) =>
    schema.replace(/provider = "(sqlite|postgresql)"/, 'provider = "…"').replace(/output\s*=\s*"\.\.\/generated\/\w+"/, 'output = "…"');
  assert.equal(neutral(read("sqlite")), neutral(read("postgresql")));
  assert.match(read("sqlite"), /provider = "sqlite"/);
  assert.match(read("postgresql"), /provider = "postgresql"/);
});

test("both providers have the same migrations", () => {
  assert.ok(migrations("sqlite").length > 0);
  assert.deepEqual(migrations("sqlite"), migrations("postgresql"));
});

test("every model in the schema has a table in the migrations", () => {
  const models = [...read("sqlite").matchAll(/^model (\w+) \{/gm)].map((match) => match[1]);
  for (const provider of ["sqlite", "postgresql"]) {
    const sql = migrations(provider)
      .map((name) => readFileSync(`prisma/${provider}/migrations/${name}/migration.sql`, "utf8"))
      .join("\n");
    for (const model of models) assert.match(sql, new RegExp(`CREATE TABLE "${model}"`), `${provider} has no table for ${model}`);
  }
});
