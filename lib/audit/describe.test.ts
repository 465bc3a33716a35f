import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { sendPasswordResetForUser } from "@/lib/admin/send-password-reset";
import { db } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { describeAuditEvent } from "./describe";

freshDatabaseForEachFile();

test("a reset link asked for on the sign-in page reads as such; one sent by staff names who sent it", async () => {
  const { user } = await createAccount({
    email: "log@example.com",
    username: "log",
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const { user: admin } = await createAccount({
    email: "boss@example.com",
    username: "boss",
    password: "granite-harbour-72",
    confirmed: true,
    role: "ADMIN",
  });
  const lines = async () =>
    (
      await db().auditLog.findMany({ where: { targetUserId: user.id, action: "password.reset_requested" }, orderBy: { createdAt: "asc" } })
    ).map(describeAuditEvent);

  await requestPasswordReset(user.email, "192.0.2.3");
  assert.deepEqual(await lines(), ["Password reset requested (asked for on the sign-in page)"]);
  await sendPasswordResetForUser(user.id, { actorId: admin.id, ip: "192.0.2.4" });
  await sendPasswordResetForUser(user.id, { actorId: null, ip: null });
  assert.deepEqual((await lines()).slice(1), ["Password reset requested by an administrator", "Password reset requested by the operator"]);
});

test("a passwordless sign-in with a passkey reads as one", () => {
  const row = { action: "session.signed_in", actorId: "u1", targetUserId: "u1" };
  assert.equal(describeAuditEvent({ ...row, details: "passkey" }), "Signed in with a passkey");
  assert.equal(describeAuditEvent({ ...row, details: "password and security key" }), "Signed in (password and security key)");
});
