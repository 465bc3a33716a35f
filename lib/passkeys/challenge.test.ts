import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { sha256 } from "@/lib/tokens/random";
import { issuePasskeyChallenge, takePasskeyChallenge } from "./challenge";

freshDatabaseForEachFile();

const minutes = (count: number) => count * 60 * 1000;

test("a challenge is answered once, for the page it was made for", async () => {
  const { binding, options } = await issuePasskeyChallenge();
  const other = await issuePasskeyChallenge();
  assert.equal(await takePasskeyChallenge(binding), options.challenge);
  assert.equal(await takePasskeyChallenge(binding), null, "used up");
  assert.equal(await takePasskeyChallenge("not-a-binding"), null);
  assert.equal(await takePasskeyChallenge(other.binding), other.options.challenge, "another page's challenge is its own");
});

test("a challenge is good for 5 minutes and no longer", async () => {
  const made = new Date("2026-03-01T10:00:00Z");
  const fresh = await issuePasskeyChallenge(made);
  assert.ok(await takePasskeyChallenge(fresh.binding, new Date(made.getTime() + minutes(5) - 1000)));
  const stale = await issuePasskeyChallenge(made);
  assert.equal(await takePasskeyChallenge(stale.binding, new Date(made.getTime() + minutes(5))), null);
  assert.equal(await db().passkeyChallenge.count({ where: { bindingHash: sha256(stale.binding) } }), 0, "a stale one is removed too");
});

test("only the binding's digest is stored, and stale challenges are removed as new ones are made", async () => {
  const old = await issuePasskeyChallenge(new Date(Date.now() - minutes(6)));
  const { binding } = await issuePasskeyChallenge();
  const rows = await db().passkeyChallenge.findMany();
  assert.ok(!JSON.stringify(rows).includes(binding));
  assert.equal(await db().passkeyChallenge.count({ where: { bindingHash: sha256(old.binding) } }), 0);
});

test("of two answers at once to one challenge, one gets it", async () => {
  const { binding } = await issuePasskeyChallenge();
  const taken = await Promise.all(Array.from({ length: 10 }, () => takePasskeyChallenge(binding)));
  assert.equal(taken.filter(Boolean).length, 1);
});
