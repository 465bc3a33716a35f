import assert from "node:assert/strict";
import bcrypt from "bcrypt";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { compareTimings } from "@/lib/test-support/timing";

// A cost high enough for a bcrypt comparison to stand out from the database lookup when timed.
process.env.BCRYPT_COST = "8";
freshDatabaseForEachFile();

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

test("a password set with accents signs in however the accents are typed", async () => {
  const composed = "cr\u00e8me br\u00fbl\u00e9e au caf\u00e9";
  const { user } = await createAccount({ email: "ines@example.com", username: "ines", password: composed, confirmed: true, role: "USER" });
  assert.equal((await verifyCredentials("ines@example.com", composed.normalize("NFD")))?.id, user.id);
  assert.equal((await verifyCredentials("ines@example.com", composed))?.id, user.id);
});

test("a password hashed as typed, before normalisation, still signs in, and its hash is replaced by the normalised one", async () => {
  const { user } = await createAccount({
    email: "old@example.com",
    username: "old_timer",
    password: "a placeholder passphrase",
    confirmed: true,
    role: "USER",
  });
  // As stored before passwords were normalised: bcrypt of the decomposed form the owner typed.
  const typed = "cr\u00e8me br\u00fbl\u00e9e au caf\u00e9".normalize("NFD");
  const legacyHash = await bcrypt.hash(typed, 4);
  await db().user.update({ where: { id: user.id }, data: { passwordHash: legacyHash } });

  assert.equal(await verifyCredentials("old@example.com", "creme brulee au cafe"), null);
  assert.equal(
    (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash,
    legacyHash,
    "a wrong password changes nothing",
  );

  assert.equal((await verifyCredentials("old@example.com", typed))?.id, user.id);
  const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  assert.notEqual(stored.passwordHash, legacyHash);
  assert.equal(await bcrypt.compare(typed.normalize("NFKC"), stored.passwordHash), true, "now the hash of the normalised form");
  assert.equal(stored.securityStamp, user.securityStamp, "the same password: no one is signed out");
  // From now on either way of typing it works.
  assert.equal((await verifyCredentials("old@example.com", typed.normalize("NFC")))?.id, user.id);
  assert.equal((await verifyCredentials("old@example.com", typed))?.id, user.id);
});

test("replacing a legacy hash leaves every other account's hash alone", async () => {
  const { user: bystander } = await createAccount({
    email: "lena@example.com",
    username: "lena",
    password: PASSWORD,
    confirmed: true,
    role: "USER",
  });
  const { user } = await createAccount({
    email: "older@example.com",
    username: "older_timer",
    password: "a placeholder passphrase",
    confirmed: true,
    role: "USER",
  });
  const typed = "pi\u00f1a colada en la playa".normalize("NFD");
  const legacyHash = await bcrypt.hash(typed, 4);
  await db().user.update({ where: { id: user.id }, data: { passwordHash: legacyHash } });
  const othersBefore = await db().user.findMany({
    where: { id: { not: user.id } },
    select: { id: true, passwordHash: true },
    orderBy: { id: "asc" },
  });
  assert.ok(othersBefore.some((other) => other.id === bystander.id));

  assert.equal((await verifyCredentials("older@example.com", typed))?.id, user.id);
  assert.notEqual((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, legacyHash, "the legacy hash was replaced");
  const othersAfter = await db().user.findMany({
    where: { id: { not: user.id } },
    select: { id: true, passwordHash: true },
    orderBy: { id: "asc" },
  });
  assert.deepEqual(othersAfter, othersBefore);
  assert.equal(
    (await verifyCredentials("lena@example.com", PASSWORD))?.id,
    bystander.id,
    "the other account still signs in with its own password",
  );
});

test("a current hash is not rewritten at sign-in", async () => {
  const { user } = await createAccount({ email: "omar@example.com", username: "omar", password: PASSWORD, confirmed: true, role: "USER" });
  const before = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;

  assert.equal((await verifyCredentials("omar@example.com", PASSWORD))?.id, user.id);
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, before);
});
