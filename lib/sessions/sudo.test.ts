import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { activateSignInGrant, createSignInGrant, findActiveSession } from "./sessions";
import { enterSudoMode, inSudoMode } from "./sudo";

freshDatabaseForEachFile();

test("sudo mode lasts 15 minutes from the check and activity does not extend it", async () => {
  const { user } = await createAccount({
    email: "sudo@example.com",
    username: "sudo",
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const grant = await createSignInGrant(user.id, {});
  const { sessionSecret } = (await activateSignInGrant(grant)) as { sessionSecret: string };
  const outOfSudo = (await findActiveSession(sessionSecret))!.session;
  assert.equal(inSudoMode(outOfSudo), false);

  await enterSudoMode(outOfSudo, null);
  const entered = (await findActiveSession(sessionSecret))!.session;
  assert.equal(inSudoMode(entered), true);
  const until = entered.sudoUntil!.getTime();
  assert.ok(Math.abs(until - (Date.now() + 15 * 60_000)) < 5_000, "15 minutes");

  // A page view long after the check (lastSeenAt is refreshed) leaves sudoUntil where it was.
  await db().session.update({ where: { id: entered.id }, data: { lastSeenAt: new Date(Date.now() - 10 * 60_000) } });
  await findActiveSession(sessionSecret);
  const later = await db().session.findUniqueOrThrow({ where: { id: entered.id } });
  assert.ok(Date.now() - later.lastSeenAt.getTime() < 60_000, "the activity was recorded");
  assert.equal(later.sudoUntil!.getTime(), until, "and did not move sudo mode's end");

  await db().session.update({ where: { id: entered.id }, data: { sudoUntil: new Date(Date.now() - 1) } });
  assert.equal(inSudoMode((await findActiveSession(sessionSecret))!.session), false);
});

test("entering sudo mode is audited with the address it was entered from", async () => {
  const { user } = await createAccount({
    email: "sudo-audit@example.com",
    username: "sudo_audit",
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const { sessionSecret } = (await activateSignInGrant(await createSignInGrant(user.id, {}))) as { sessionSecret: string };
  await enterSudoMode((await findActiveSession(sessionSecret))!.session, "198.51.100.45");
  const rows = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "sudo.entered" } });
  assert.deepEqual(
    rows.map((row) => [row.actorId, row.ip]),
    [[user.id, "198.51.100.45"]],
  );
});
