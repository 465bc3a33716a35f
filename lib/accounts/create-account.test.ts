import assert from "node:assert/strict";
import { test } from "node:test";
import { AccountInputError, createAccount } from "@/lib/accounts/create-account";
import { describeAuditEvent } from "@/lib/audit/describe";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/passwords/hashing";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

const base = { password: "granite-harbour-71", confirmed: true, role: "USER" as const };

test("the operator creates a confirmed account with the password given", async () => {
  const result = await createAccount({ ...base, email: " Olivia@Example.com ", username: "Olivia", role: "ADMIN" });
  assert.equal(result.generated, false);
  assert.equal(result.password, base.password);
  assert.equal(result.user.email, "olivia@example.com");
  assert.equal(result.user.username, "olivia");
  assert.equal(result.user.role, "ADMIN");
  assert.ok(result.user.emailConfirmedAt);

  const stored = await db().user.findUniqueOrThrow({ where: { email: "olivia@example.com" } });
  assert.equal(await verifyPassword(base.password, stored.passwordHash), true);
  assert.ok(!stored.passwordHash.includes(base.password));
  assert.equal(await db().userToken.count({ where: { userId: stored.id } }), 0);
  assert.equal(await db().outboxEmail.count({ where: { to: "olivia@example.com" } }), 0, "a confirmed account gets no link");
});

test("without a password, one is generated, returned once, and works", async () => {
  const result = await createAccount({ ...base, password: undefined, email: "paul@example.com", username: "paul" });
  assert.equal(result.generated, true);
  assert.match(result.password, /^[A-Za-z0-9]{20}$/);
  const stored = await db().user.findUniqueOrThrow({ where: { id: result.user.id } });
  assert.equal(await verifyPassword(result.password, stored.passwordHash), true);
});

test("an unconfirmed account is sent the confirmation link", async () => {
  const result = await createAccount({ ...base, confirmed: false, email: "quinn@example.com", username: "quinn", role: "OWNER" });
  assert.equal(result.user.emailConfirmedAt, null);
  assert.equal(result.user.role, "OWNER");
  assert.equal(await db().userToken.count({ where: { userId: result.user.id, purpose: "EMAIL_CONFIRMATION", usedAt: null } }), 1);
  const mail = await db().outboxEmail.findMany({ where: { to: "quinn@example.com" } });
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.text ?? "", /\/auth\/confirmation\?token=/);
});

test("the creation is audited as the operator's, with no actor", async () => {
  const { user } = await createAccount({ ...base, email: "rose@example.com", username: "rose", role: "ADMIN" });
  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id } });
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.action, "account.created");
  assert.equal(audit[0]?.actorId, null);
  assert.equal(audit[0]?.details, "role admin");
  assert.equal(describeAuditEvent(audit[0]!), "Account created (role admin) by the operator");
  assert.ok(!JSON.stringify(audit).includes(base.password));
});

/** Fails unless createAccount refuses with an AccountInputError whose message matches. */
async function refused(input: Partial<Parameters<typeof createAccount>[0]>, message: RegExp) {
  const usersBefore = await db().user.count();
  await assert.rejects(createAccount({ ...base, email: "new@example.com", username: "newcomer", ...input }), (error: unknown) => {
    assert.ok(error instanceof AccountInputError, String(error));
    assert.match(error.message, message);
    return true;
  });
  assert.equal(await db().user.count(), usersBefore, "nothing was created");
}

test("invalid fields are refused with a message naming the field", async () => {
  await refused({ email: "not an address" }, /^email: Enter a valid email address/);
  await refused({ username: "no spaces" }, /^username: Use only letters, numbers and underscores/);
  await refused({ password: "short" }, /^password: This password is too short \(5 characters\)\. Use at least 8\./);
  await refused({ password: "Password1" }, /^password: This password is too common/);
  await refused(
    { username: "zephyr_quill", password: "Zephyr_Quill" },
    /^password: Your password must not be your email address or username/,
  );
});

test("a taken email address or username is refused, whatever its case", async () => {
  await createAccount({ ...base, email: "sam@example.com", username: "sam" });
  await refused({ email: "SAM@example.com" }, /^email: sam@example\.com already has an account$/);
  await refused({ username: "Sam" }, /^username: @sam is taken$/);
});
