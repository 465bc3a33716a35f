import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { verifyCredentials } from "@/lib/auth/credentials";
import { useFreshDatabase } from "@/lib/test-support/database";

// A cost high enough for a bcrypt comparison to stand out from the database lookup when timed.
process.env.BCRYPT_COST = "8";
useFreshDatabase();

const PASSWORD = "cobalt-meadow-quartz";

test("the right password with the address in any case or with spaces signs in", async () => {
  const { user } = await createAccount({ email: "nora@example.com", username: "nora", password: PASSWORD, confirmed: true, role: "USER" });
  assert.equal((await verifyCredentials("nora@example.com", PASSWORD))?.id, user.id);
  assert.equal((await verifyCredentials("  Nora@EXAMPLE.com ", PASSWORD))?.id, user.id);
});

test("a wrong password gives nothing, including one that differs only in case", async () => {
  assert.equal(await verifyCredentials("nora@example.com", "cobalt-meadow-quartz!"), null);
  assert.equal(await verifyCredentials("nora@example.com", PASSWORD.toUpperCase()), null);
  assert.equal(await verifyCredentials("nora@example.com", ""), null);
});

test("an unknown address gives nothing, even with a registered user's password", async () => {
  assert.equal(await verifyCredentials("nobody@example.com", PASSWORD), null);
  assert.equal(await verifyCredentials("nora", PASSWORD), null, "a username is not an email address");
});

test("an unknown address takes as long as a known one", async () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const time = async (email: string) => {
    const start = performance.now();
    await verifyCredentials(email, "a wrong guess");
    return performance.now() - start;
  };
  await time("nobody@example.com"); // The first unknown address prepares the dummy hash.
  const known: number[] = [];
  const unknown: number[] = [];
  for (let run = 0; run < 15; run++) {
    known.push(await time("nora@example.com"));
    unknown.push(await time(`stranger${run}@example.com`));
  }
  const ratio = median(unknown) / median(known);
  assert.ok(ratio > 1 / 3 && ratio < 3, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`);
});
