import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { verifyCredentials } from "@/lib/auth/credentials";
import { useFreshDatabase } from "@/lib/test-support/database";
import { compareTimings } from "@/lib/test-support/timing";

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

test("an unknown address takes as long as a known one", async (t) => {
  await verifyCredentials("nobody@example.com", "a wrong guess"); // The first unknown address prepares the dummy hash.
  let stranger = 0;
  const timing = await compareTimings(
    () => verifyCredentials("nora@example.com", "a wrong guess"),
    () => verifyCredentials(`stranger${stranger++}@example.com`, "a wrong guess"),
    // Within a factor of 3 either way: skipping bcrypt for unknown addresses makes them about 100 times faster.
    { samples: 15, rounds: 3, accept: (ratio) => ratio > 1 / 3 && ratio < 3 },
  );
  t.diagnostic(`known, unknown: ${timing.summaries.join("; ")}`);
  assert.ok(timing.accepted, timing.summaries.join("; "));
});
