import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { insertUser } from "@/lib/accounts/insert-user";
import { db } from "@/lib/db/client";
import { revokeOtherSessions } from "@/lib/sessions/revoke";
import { activateSignInGrant, createSignInGrant, findActiveSession, listActiveSessions, revokeSession } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

const DAY = 86_400_000;
const digest = (value: string) => createHash("sha256").update(value).digest("hex");
const browser = { ip: "192.0.2.10", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
let users = 0;

/** A user with an active session: the secret that the session cookie would carry. */
async function signedIn() {
  users++;
  const user = await insertUser(db(), { email: `s${users}@example.com`, username: `s${users}`, passwordHash: "x", confirmed: true });
  const grant = await createSignInGrant(user.id, browser);
  const activated = await activateSignInGrant(grant);
  assert.ok(activated);
  return { user, grant, secret: activated.sessionSecret };
}
const moveBack = (secret: string, field: "lastSeenAt" | "expiresAt" | "createdAt", milliseconds: number) =>
  db().session.update({ where: { tokenHash: digest(secret) }, data: { [field]: new Date(Date.now() - milliseconds) } });

test("a grant is exchanged once for a new session secret", async () => {
  users++;
  const user = await insertUser(db(), { email: `s${users}@example.com`, username: `s${users}`, passwordHash: "x", confirmed: true });
  const grant = await createSignInGrant(user.id, browser);
  assert.equal(await findActiveSession(grant), null, "a grant is not a session before it is exchanged");

  const activated = await activateSignInGrant(grant);
  assert.equal(activated?.userId, user.id);
  assert.notEqual(activated?.sessionSecret, grant);
  assert.equal(await activateSignInGrant(grant), null, "a grant works once");
  assert.equal(await findActiveSession(grant), null, "the grant does not open the session");

  const found = await findActiveSession(activated?.sessionSecret ?? "");
  assert.equal(found?.user.id, user.id);
  assert.equal(found?.session.ip, browser.ip);
  assert.equal(found?.session.userAgent, browser.userAgent);

  const rows = await db().session.findMany({ where: { userId: user.id } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.tokenHash, digest(activated?.sessionSecret ?? ""));
  assert.ok(!JSON.stringify(rows).includes(activated?.sessionSecret ?? "?"), "the database holds only the secret's digest");
  const signedInAt = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt;
  assert.ok(signedInAt && Date.now() - signedInAt.getTime() < 60_000);
  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id } });
  assert.deepEqual(
    audit.map((row) => [row.action, row.actorId, row.ip]),
    [["session.signed_in", user.id, browser.ip]],
  );
});

test("the session keeps the sign-in's method, address and the first 512 characters of the user agent; the audit row names the method", async () => {
  users++;
  const user = await insertUser(db(), { email: `s${users}@example.com`, username: `s${users}`, passwordHash: "x", confirmed: true });
  const longAgent = "Mozilla/5.0 " + "x".repeat(600);
  const activated = await activateSignInGrant(await createSignInGrant(user.id, { ip: "198.51.100.7", userAgent: longAgent }, "passkey"));
  const row = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(activated?.sessionSecret ?? "") } });
  assert.equal(row.signInMethod, "passkey");
  assert.equal(row.ip, "198.51.100.7");
  assert.equal(row.userAgent, longAgent.slice(0, 512));
  assert.equal(row.deviceHash, null, "no device cookie, no device");
  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id } });
  assert.deepEqual(
    audit.map((entry) => [entry.action, entry.details]),
    [["session.signed_in", "passkey"]],
  );

  const bare = await activateSignInGrant(await createSignInGrant(user.id, {}));
  const bareRow = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(bare?.sessionSecret ?? "") } });
  assert.deepEqual([bareRow.signInMethod, bareRow.ip, bareRow.userAgent], ["password", null, null]);
});

test("a grant whose sessions were all ended before the exchange (a password reset, say) cannot be exchanged", async () => {
  users++;
  const user = await insertUser(db(), { email: `s${users}@example.com`, username: `s${users}`, passwordHash: "x", confirmed: true });
  const grant = await createSignInGrant(user.id, browser);
  await revokeOtherSessions(user.id, null, { actorId: user.id, ip: null });
  assert.equal(await activateSignInGrant(grant), null);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "session.signed_in" } }), 0);
});

test("a grant older than a minute cannot be exchanged", async () => {
  const user = await insertUser(db(), { email: "late@example.com", username: "late", passwordHash: "x", confirmed: true });
  const grant = await createSignInGrant(user.id, browser);
  await moveBack(grant, "createdAt", 61_000);
  assert.equal(await activateSignInGrant(grant), null);
  assert.equal(await activateSignInGrant("made-up-grant"), null);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id } }), 0);
});

test("of 10 exchanges of one grant at the same moment, exactly one succeeds", async () => {
  const user = await insertUser(db(), { email: "race@example.com", username: "race", passwordHash: "x", confirmed: true });
  const grant = await createSignInGrant(user.id, browser);
  const results = await Promise.all(Array.from({ length: 10 }, () => activateSignInGrant(grant)));
  const winners = results.filter((result) => result !== null);
  assert.equal(winners.length, 1);
  assert.equal((await findActiveSession(winners[0]?.sessionSecret ?? ""))?.user.id, user.id);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "session.signed_in" } }), 1);
});

test("a signed-out session is refused, and the sign-out is audited once", async () => {
  const { user, secret } = await signedIn();
  await revokeSession(secret);
  assert.equal(await findActiveSession(secret), null);
  await revokeSession(secret);
  const actions = (await db().auditLog.findMany({ where: { targetUserId: user.id } })).map((row) => row.action);
  assert.deepEqual(actions.sort(), ["session.signed_in", "session.signed_out"]);
});

test("signing out one session leaves the user's other sessions open", async () => {
  const { user, secret } = await signedIn();
  const other = await activateSignInGrant(await createSignInGrant(user.id, browser));
  await revokeSession(secret);
  assert.equal((await findActiveSession(other?.sessionSecret ?? ""))?.user.id, user.id);
});

test("a session past its absolute lifetime is refused, even in use", async () => {
  const { secret } = await signedIn();
  await moveBack(secret, "expiresAt", 1000);
  assert.equal(await findActiveSession(secret), null);
});

test("a session idle for longer than the timeout is refused", async () => {
  const { secret } = await signedIn();
  await moveBack(secret, "lastSeenAt", 14 * DAY + 60_000);
  assert.equal(await findActiveSession(secret), null);
});

test("using a session keeps it alive: the last-seen time moves forward", async () => {
  const { secret } = await signedIn();
  await moveBack(secret, "lastSeenAt", 13 * DAY);
  assert.ok(await findActiveSession(secret));
  const row = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(secret) } });
  assert.ok(Date.now() - row.lastSeenAt.getTime() < 60_000, "lastSeenAt was refreshed");
});

test("a request within a minute of the last one that was recorded writes nothing", async () => {
  const { secret } = await signedIn();
  const seen = (await moveBack(secret, "lastSeenAt", 30_000)).lastSeenAt;
  assert.ok(await findActiveSession(secret));
  const row = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(secret) } });
  assert.equal(row.lastSeenAt.getTime(), seen.getTime());
});

test("new sessions expire after the configured maximum age", async () => {
  const { secret } = await signedIn();
  const row = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(secret) } });
  const lifetime = row.expiresAt.getTime() - row.createdAt.getTime();
  assert.ok(Math.abs(lifetime - 90 * DAY) < 60_000, `lifetime ${lifetime} ms`);
});

test("the sessions page lists the user's usable sessions only, most recently used first", async () => {
  const { user, secret: older } = await signedIn();
  const newer = (await activateSignInGrant(await createSignInGrant(user.id, browser)))!.sessionSecret;
  const revoked = (await activateSignInGrant(await createSignInGrant(user.id, browser)))!.sessionSecret;
  const idle = (await activateSignInGrant(await createSignInGrant(user.id, browser)))!.sessionSecret;
  const expired = (await activateSignInGrant(await createSignInGrant(user.id, browser)))!.sessionSecret;
  await createSignInGrant(user.id, browser); // a grant never exchanged is no session yet
  await revokeSession(revoked);
  await moveBack(older, "lastSeenAt", 60_000);
  await moveBack(idle, "lastSeenAt", 15 * DAY);
  await moveBack(expired, "expiresAt", 1000);
  const { user: other } = await signedIn();

  const listed = await listActiveSessions(user.id);
  const ids = async (secret: string) => (await db().session.findUniqueOrThrow({ where: { tokenHash: digest(secret) } })).id;
  assert.deepEqual(
    listed.map((session) => session.id),
    [await ids(newer), await ids(older)],
  );
  assert.ok(listed.every((session) => session.userId === user.id && session.userId !== other.id));
});
