import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { promisify } from "node:util";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

const database = freshDatabaseForEachFile();
const run = promisify(execFile);

test("migrations are applied once, even when two processes start together", async () => {
  const script = `import { migrate } from "./lib/db/migrate.ts"; console.log(JSON.stringify(await migrate(process.env.DATABASE_URL)));`;
  const start = () => run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: process.env });
  const outputs = await Promise.all([start(), start()]);
  // freshDatabaseForEachFile applied every migration already: both processes find nothing left to do.
  assert.deepEqual(
    outputs.map((output) => JSON.parse(output.stdout)),
    [[], []],
  );
});

test("the migrated database has every column of every model in the schema", async () => {
  const { db } = await import("./client");
  const models = [...readFileSync("prisma/sqlite/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map(
    (match) => (match[1] as string).charAt(0).toLowerCase() + (match[1] as string).slice(1),
  );
  assert.ok(models.length >= 6);
  for (const model of models) {
    // findMany selects every scalar field: a table or column missing from the migrations fails here.
    const delegate = (db() as unknown as Record<string, { findMany: (args: object) => Promise<unknown[]> }>)[model];
    assert.ok(delegate, `the client has no ${model}`);
    assert.deepEqual(await delegate.findMany({ take: 1 }), [], `${model} should be empty`);
  }
  assert.ok(database.url());
});
