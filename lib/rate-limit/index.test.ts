import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "@/lib/db/client";
import { consumeRateLimits, formatRetryAfter } from "@/lib/rate-limit";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

const rule = (key: string, limit = 3, windowSeconds = 60) => ({ key, limit, windowSeconds });
const attempts = async (rules: Parameters<typeof consumeRateLimits>[0], count: number) => {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await consumeRateLimits(rules));
  return results;
};

test("attempts within the limit are allowed; the next one is told when to retry", async () => {
  const results = await attempts([rule("sign-in:a@example.com")], 4);
  assert.deepEqual(results.slice(0, 3), [{ allowed: true }, { allowed: true }, { allowed: true }]);
  const refused = results[3];
  assert.equal(refused?.allowed, false);
  assert.ok(refused && !refused.allowed && refused.retryAfterSeconds > 0 && refused.retryAfterSeconds <= 60, JSON.stringify(refused));
  assert.equal((await consumeRateLimits([rule("sign-in:a@example.com")])).allowed, false, "and stays refused");
});

test("keys are counted separately", async () => {
  await attempts([rule("sign-in:b@example.com")], 4);
  assert.deepEqual(await consumeRateLimits([rule("sign-in:c@example.com")]), { allowed: true });
});

test("a new window starts once the old one has passed", async () => {
  const key = "sign-in:d@example.com";
  await attempts([rule(key)], 5);
  await db().rateLimit.update({ where: { key }, data: { resetAt: new Date(Date.now() - 1000) } });
  const results = await attempts([rule(key)], 4);
  assert.deepEqual(
    results.map((result) => result.allowed),
    [true, true, true, false],
    "a full new allowance, no more",
  );
});

test("with several rules, any one exceeded refuses, with the longest wait", async () => {
  const perAccount = rule("sign-in:e@example.com", 2, 900);
  const perAddress = rule("sign-in:ip:192.0.2.1", 10, 60);
  const results = await attempts([perAccount, perAddress], 3);
  assert.deepEqual(results.slice(0, 2), [{ allowed: true }, { allowed: true }]);
  const refused = results[2];
  assert.ok(refused && !refused.allowed && refused.retryAfterSeconds > 60 && refused.retryAfterSeconds <= 900, JSON.stringify(refused));
  // Another account from the same address is still allowed: only its own counter was exceeded.
  assert.deepEqual(await consumeRateLimits([rule("sign-in:f@example.com", 2, 900), perAddress]), { allowed: true });
});

const burst = (key: string) => Promise.all(Array.from({ length: 30 }, () => consumeRateLimits([rule(key, 10, 60)])));
const allowedIn = (results: Awaited<ReturnType<typeof burst>>) => results.filter((result) => result.allowed).length;

test("30 attempts at the same moment on a new key, limit 10: exactly 10 are allowed", async () => {
  assert.equal(allowedIn(await burst("burst:new")), 10);
  assert.equal((await db().rateLimit.findUniqueOrThrow({ where: { key: "burst:new" } })).count, 30, "every attempt was counted");
});

test("30 attempts at the same moment in a window already in use: only what is left is allowed", async () => {
  await attempts([rule("burst:used", 10, 60)], 4);
  assert.equal(allowedIn(await burst("burst:used")), 6);
});

test("30 attempts at the same moment just after a window ends: exactly 10 are allowed", async () => {
  await attempts([rule("burst:expired", 10, 60)], 12);
  await db().rateLimit.update({ where: { key: "burst:expired" }, data: { resetAt: new Date(Date.now() - 1000) } });
  assert.equal(allowedIn(await burst("burst:expired")), 10);
});

test("30 attempts at the same moment on a new key, each inside a transaction of its own: none fails, exactly 10 allowed", async () => {
  // Counting inside the caller's transaction must never raise an error on the way (a failed statement
  // would end a PostgreSQL transaction), whoever creates the key's row first.
  const results = await Promise.all(
    Array.from({ length: 30 }, () => db().$transaction((tx) => consumeRateLimits([rule("burst:in-transaction", 10, 60)], tx))),
  );
  assert.equal(allowedIn(results), 10);
  assert.equal((await db().rateLimit.findUniqueOrThrow({ where: { key: "burst:in-transaction" } })).count, 30);
});

test("a count inside a transaction that rolls back is undone with it", async () => {
  await assert.rejects(
    db().$transaction(async (tx) => {
      await consumeRateLimits([rule("rolled-back", 1, 60)], tx);
      throw new Error("the caller's transaction fails");
    }),
  );
  assert.deepEqual(await consumeRateLimits([rule("rolled-back", 1, 60)]), { allowed: true });
});

test("the wait is given in seconds, or minutes when longer", () => {
  assert.equal(formatRetryAfter(45), "45 seconds");
  assert.equal(formatRetryAfter(89), "89 seconds");
  assert.equal(formatRetryAfter(90), "2 minutes");
  assert.equal(formatRetryAfter(900), "15 minutes");
});
