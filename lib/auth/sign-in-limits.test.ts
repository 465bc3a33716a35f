import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { signInAccountLimits, signInLimitsFor } from "@/lib/auth/sign-in-limits";
import { db } from "@/lib/db/client";
import { consumeRateLimits } from "@/lib/rate-limit";
import { activateSignInGrant, createSignInGrant } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { inRequest } from "@/lib/test-support/next-request";
import { randomToken } from "@/lib/tokens/random";

freshDatabaseForEachFile();

const browser = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

async function newAccount() {
  const name = `lim_${randomBytes(4).toString("hex")}`;
  const { user } = await createAccount({
    email: `${name}@example.com`,
    username: name,
    password: `granite harbour ${name}`,
    confirmed: true,
    role: "USER",
  });
  return user;
}

async function signInFrom(userId: string, deviceId: string) {
  assert.ok(await activateSignInGrant(await createSignInGrant(userId, { ...browser, deviceId }, "password")));
}

/** One sign-in attempt's account limits, counted: true when the attempt may go on to the password check. */
async function attempt(email: string, deviceId?: string): Promise<boolean> {
  return (await consumeRateLimits(await signInLimitsFor({ email, deviceId }))).allowed;
}

async function attempts(email: string, count: number, deviceId?: string): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (let i = 0; i < count; i++) answers.push(await attempt(email, deviceId));
  return answers;
}

test("failures from anywhere else do not block a browser that has signed in to the account before", async () => {
  const user = await newAccount();
  const laptop = randomToken();
  await signInFrom(user.id, laptop);

  // The attacker: no device cookie (or one of their own making), ten guesses an account per 15 minutes.
  const attacker = await attempts(user.email, 11);
  assert.deepEqual(attacker, [...Array(10).fill(true), false]);
  assert.equal(await attempt(user.email, randomToken()), false, "a made-up device id is a stranger too");

  assert.equal(await attempt(user.email, laptop), true, "the owner's browser still gets to try its password");
  assert.equal(await attempt(user.email), false, "a fresh browser of the owner's is refused like anyone else");
});

test("the known browser has a bucket of its own: 10 attempts per 15 minutes", async () => {
  const user = await newAccount();
  const laptop = randomToken();
  await signInFrom(user.id, laptop);
  assert.deepEqual(await attempts(user.email, 11, laptop), [...Array(10).fill(true), false]);

  const key = (await db().rateLimit.findMany({ where: { key: { contains: user.email } } })).find((row) => row.count === 11);
  assert.ok(key, "the eleventh attempt was counted");
  const windowSeconds = (key.resetAt.getTime() - Date.now()) / 1000;
  assert.ok(windowSeconds > 14 * 60 && windowSeconds <= 15 * 60, `window ${windowSeconds} s`);
  assert.ok(!key.key.includes(laptop), "the device id itself is not written down");

  assert.equal(await attempt(user.email), true, "its failures did not use up the account's shared allowance");
  assert.equal(await attempt(user.email, randomToken()), true);
});

test("a browser is known only to the account it signed in to, and only once the sign-in finished", async () => {
  const alice = await newAccount();
  const bob = await newAccount();
  const laptop = randomToken();
  await signInFrom(alice.id, laptop);
  // A grant that was never exchanged for a session: the password step passed, the sign-in did not.
  const unfinished = randomToken();
  await createSignInGrant(bob.id, { ...browser, deviceId: unfinished }, "password");

  await attempts(bob.email, 10);
  assert.equal(await attempt(bob.email, laptop), false, "Alice's browser is a stranger to Bob's account");
  assert.equal(await attempt(bob.email, unfinished), false);
});

test("an unregistered address gets the same rules as a registered one the browser never signed in to", async () => {
  const user = await newAccount();
  const laptop = randomToken();
  await signInFrom(user.id, laptop);
  const stranger = `nobody_${randomBytes(4).toString("hex")}@example.com`;

  const registered = await signInLimitsFor({ email: user.email, deviceId: randomToken() });
  const unregistered = await signInLimitsFor({ email: stranger, deviceId: laptop });
  const withoutCookie = await signInLimitsFor({ email: stranger });
  assert.deepEqual(registered, [{ key: `sign-in:account:${user.email}`, limit: 10, windowSeconds: 15 * 60 }]);
  assert.deepEqual(unregistered, [{ key: `sign-in:account:${stranger}`, limit: 10, windowSeconds: 15 * 60 }]);
  assert.deepEqual(withoutCookie, unregistered);
  assert.deepEqual(await attempts(stranger, 11, laptop), [...Array(10).fill(true), false], "counted for any address");
});

test("the sign-in form reads the browser's device cookie for the account's limits", async () => {
  const user = await newAccount();
  const laptop = randomToken();
  await signInFrom(user.id, laptop);
  const fromLaptop = await inRequest({ cookies: { device: laptop } }, () => signInAccountLimits(user.email));
  assert.deepEqual(fromLaptop.result, await signInLimitsFor({ email: user.email, deviceId: laptop }));
  assert.match(fromLaptop.result?.[0]?.key ?? "", /:device:/);
  const elsewhere = await inRequest({}, () => signInAccountLimits(user.email));
  assert.deepEqual(elsewhere.result, [{ key: `sign-in:account:${user.email}`, limit: 10, windowSeconds: 15 * 60 }]);
});
