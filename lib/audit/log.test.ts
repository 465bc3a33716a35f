import assert from "node:assert/strict";
import { test } from "node:test";
import { insertUser } from "@/lib/accounts/insert-user";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { auditLogPage, usernamesOf } from "./log";

freshDatabaseForEachFile();

test("the logs come a page at a time, newest first, and say whether an older page exists", async () => {
  const ada = await insertUser(db(), { email: "ada@example.com", username: "ada", passwordHash: "x", confirmed: true });
  const bob = await insertUser(db(), { email: "bob@example.com", username: "bob", passwordHash: "x", confirmed: true });
  for (let minute = 0; minute < 5; minute++) {
    await db().auditLog.create({
      data: { action: "session.signed_in", actorId: ada.id, targetUserId: ada.id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)) },
    });
  }
  await db().auditLog.create({
    data: { action: "session.signed_in", actorId: bob.id, targetUserId: bob.id, createdAt: new Date(Date.UTC(2026, 0, 1, 1)) },
  });

  const first = await auditLogPage({ page: 1, pageSize: 2, targetUserId: ada.id });
  assert.deepEqual(
    first.events.map((event) => event.createdAt.getUTCMinutes()),
    [4, 3],
  );
  assert.equal(first.hasOlder, true);
  const last = await auditLogPage({ page: 3, pageSize: 2, targetUserId: ada.id });
  assert.deepEqual(
    last.events.map((event) => event.createdAt.getUTCMinutes()),
    [0],
  );
  assert.equal(last.hasOlder, false);

  const everyone = await auditLogPage({ page: 1, pageSize: 10 });
  assert.equal(everyone.events.length, 6);
  assert.equal(everyone.events[0]?.targetUserId, bob.id);
  assert.deepEqual(Object.fromEntries(await usernamesOf([ada.id, bob.id, "gone"])), { [ada.id]: "@ada", [bob.id]: "@bob" });
});
