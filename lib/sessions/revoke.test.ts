import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { revokeOtherSessions, revokeUserSession } from "./revoke";
import { activateSignInGrant, createSignInGrant } from "./sessions";

freshDatabaseForEachFile();

async function signedIn(name: string) {
  const { user } = await createAccount({
    email: `${name}@example.com`,
    username: name,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const sessions = [];
  for (let index = 0; index < 2; index++) {
    const grant = await createSignInGrant(user.id, {});
    await activateSignInGrant(grant);
  }
  sessions.push(...(await db().session.findMany({ where: { userId: user.id } })));
  return { user, sessions };
}

const live = (userId: string) => db().session.count({ where: { userId, revokedAt: null } });

test("a user cannot end someone else's session, by its id or all at once", async () => {
  const alice = await signedIn("alice");
  const mallory = await signedIn("mallory");
  const aliceSession = alice.sessions[0]!;

  assert.equal(await revokeUserSession(mallory.user.id, aliceSession.id, { actorId: mallory.user.id, ip: null }), false);
  assert.equal(await live(alice.user.id), 2);
  assert.equal(await db().auditLog.count({ where: { action: "session.revoked" } }), 0);

  assert.equal(await revokeOtherSessions(mallory.user.id, mallory.sessions[0]!.id, { actorId: mallory.user.id, ip: null }), 1);
  assert.equal(await live(alice.user.id), 2, "ending one's other sessions leaves other accounts' alone");
  assert.equal(await live(mallory.user.id), 1);

  assert.equal(await revokeUserSession(alice.user.id, aliceSession.id, { actorId: alice.user.id, ip: null }), true);
  assert.equal(await live(alice.user.id), 1);
});

test("each ending is audited with who did it, from where and how many; ending nothing leaves no row", async () => {
  const bob = await signedIn("bob");
  const admin = await signedIn("admin_of_bob");
  const [first, second] = bob.sessions;
  const by = { actorId: admin.user.id, ip: "198.51.100.44" };

  assert.equal(await revokeUserSession(bob.user.id, first!.id, by), true);
  assert.equal(await revokeUserSession(bob.user.id, first!.id, by), false, "already over");
  for (let index = 0; index < 2; index++) await activateSignInGrant(await createSignInGrant(bob.user.id, {}));
  assert.equal(await revokeOtherSessions(bob.user.id, second!.id, by), 2);
  assert.equal(await revokeOtherSessions(bob.user.id, second!.id, by), 0, "nothing left to end but the kept one");
  assert.equal(await live(bob.user.id), 1);
  assert.equal(await revokeOtherSessions(bob.user.id, null, { actorId: bob.user.id, ip: null }), 1, "none kept");
  assert.equal(await live(bob.user.id), 0);

  const rows = await db().auditLog.findMany({ where: { targetUserId: bob.user.id, action: "session.revoked" } });
  assert.deepEqual(rows.map((row) => [row.details, row.actorId, row.ip]).sort(), [
    ["1 sessions", bob.user.id, null],
    ["2 sessions", admin.user.id, "198.51.100.44"],
    ["one session", admin.user.id, "198.51.100.44"],
  ]);
});
