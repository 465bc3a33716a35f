import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { insertUser } from "@/lib/accounts/insert-user";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { checkUserToken, consumeUserToken, issueUserToken } from "@/lib/tokens/user-tokens";

freshDatabaseForEachFile();

const HOUR = 3600;
const digest = (token: string) => createHash("sha256").update(token).digest("hex");
let users = 0;
const newUser = () => {
  users++;
  return insertUser(db(), { email: `user${users}@example.com`, username: `user${users}`, passwordHash: "x" });
};
const confirmation = (token: string) => ({ token, purpose: "EMAIL_CONFIRMATION" as const });

test("a token is stored only as its SHA-256 digest", async () => {
  const user = await newUser();
  const token = await issueUserToken(db(), { userId: user.id, purpose: "EMAIL_CONFIRMATION", lifetimeSeconds: HOUR });
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, "256 random bits, URL-safe");

  const rows = await db().userToken.findMany();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.tokenHash, digest(token));
  assert.ok(!JSON.stringify(rows).includes(token), "the token itself is nowhere in the table");
  const lifetime = (rows[0]?.expiresAt.getTime() ?? 0) - Date.now();
  assert.ok(lifetime > (HOUR - 60) * 1000 && lifetime <= HOUR * 1000);
});

test("looking a token up does not use it; consuming it works once", async () => {
  const user = await newUser();
  const token = await issueUserToken(db(), { userId: user.id, purpose: "EMAIL_CONFIRMATION", lifetimeSeconds: HOUR });
  assert.deepEqual(await checkUserToken(db(), confirmation(token)), { status: "valid", userId: user.id });
  assert.deepEqual(await checkUserToken(db(), confirmation(token)), { status: "valid", userId: user.id });
  assert.deepEqual(await consumeUserToken(db(), confirmation(token)), { status: "valid", userId: user.id });
  assert.deepEqual(await consumeUserToken(db(), confirmation(token)), { status: "used" });
  assert.deepEqual(await checkUserToken(db(), confirmation(token)), { status: "used" });
});

test("an expired token is refused and stays unused", async () => {
  const user = await newUser();
  const token = await issueUserToken(db(), { userId: user.id, purpose: "PASSWORD_RESET", lifetimeSeconds: HOUR });
  await db().userToken.update({ where: { tokenHash: digest(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await consumeUserToken(db(), { token, purpose: "PASSWORD_RESET" }), { status: "expired" });
  const row = await db().userToken.findUniqueOrThrow({ where: { tokenHash: digest(token) } });
  assert.equal(row.usedAt, null);
});

test("a newer token for the same user and purpose replaces the older one, and only that one", async () => {
  const user = await newUser();
  const other = await newUser();
  const issue = (userId: string, purpose: "EMAIL_CONFIRMATION" | "PASSWORD_RESET") =>
    issueUserToken(db(), { userId, purpose, lifetimeSeconds: HOUR });
  const older = await issue(user.id, "EMAIL_CONFIRMATION");
  const reset = await issue(user.id, "PASSWORD_RESET");
  const othersToken = await issue(other.id, "EMAIL_CONFIRMATION");
  const newer = await issue(user.id, "EMAIL_CONFIRMATION");

  assert.deepEqual(await consumeUserToken(db(), confirmation(older)), { status: "used" });
  assert.deepEqual(await consumeUserToken(db(), confirmation(newer)), { status: "valid", userId: user.id });
  assert.deepEqual(await consumeUserToken(db(), { token: reset, purpose: "PASSWORD_RESET" }), { status: "valid", userId: user.id });
  assert.deepEqual(await consumeUserToken(db(), confirmation(othersToken)), { status: "valid", userId: other.id });
});

test("a token used for another purpose is unknown, and still works for its own", async () => {
  const user = await newUser();
  const token = await issueUserToken(db(), { userId: user.id, purpose: "EMAIL_CONFIRMATION", lifetimeSeconds: HOUR });
  assert.deepEqual(await consumeUserToken(db(), { token, purpose: "PASSWORD_RESET" }), { status: "unknown" });
  assert.deepEqual(await consumeUserToken(db(), confirmation(token)), { status: "valid", userId: user.id });
});

test("a made-up or altered token is unknown", async () => {
  const user = await newUser();
  const token = await issueUserToken(db(), { userId: user.id, purpose: "EMAIL_CONFIRMATION", lifetimeSeconds: HOUR });
  assert.deepEqual(await consumeUserToken(db(), confirmation("made-up")), { status: "unknown" });
  assert.deepEqual(await consumeUserToken(db(), confirmation(token.slice(0, -1))), { status: "unknown" });
  assert.deepEqual(await consumeUserToken(db(), confirmation(digest(token))), { status: "unknown" }, "the stored digest is not a token");
});

test("of 20 requests racing with one token, exactly one uses it", async () => {
  const user = await newUser();
  const token = await issueUserToken(db(), { userId: user.id, purpose: "PASSWORD_RESET", lifetimeSeconds: HOUR });
  const results = await Promise.all(Array.from({ length: 20 }, () => consumeUserToken(db(), { token, purpose: "PASSWORD_RESET" })));
  assert.equal(results.filter((result) => result.status === "valid").length, 1);
  assert.equal(results.filter((result) => result.status === "used").length, 19);
});

test("a token keeps the payload it was issued with, and none when given none", async () => {
  const user = await newUser();
  const withPayload = await issueUserToken(db(), {
    userId: user.id,
    purpose: "EMAIL_CHANGE",
    lifetimeSeconds: HOUR,
    payload: "sealed-value",
  });
  const without = await issueUserToken(db(), { userId: user.id, purpose: "PASSWORD_RESET", lifetimeSeconds: HOUR });
  assert.equal((await db().userToken.findUniqueOrThrow({ where: { tokenHash: digest(withPayload) } })).payload, "sealed-value");
  assert.equal((await db().userToken.findUniqueOrThrow({ where: { tokenHash: digest(without) } })).payload, null);
});
