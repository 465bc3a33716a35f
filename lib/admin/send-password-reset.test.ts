import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db, type User } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { findResetAccount, resetPassword } from "@/lib/password-reset/reset";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { AdminActionError } from "./actor";
import type { RequestContext } from "@/lib/request/context";
import { sendPasswordResetForUser } from "./send-password-reset";
import { auditOf, digest, newAccount, outboxTo, PASSWORD } from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

const OPERATOR: RequestContext = { actorId: null, ip: null };
const as = (actor: User): RequestContext => ({ actorId: actor.id, ip: "198.51.100.9" });
const refusal = (pattern: RegExp) => (error: unknown) => error instanceof AdminActionError && pattern.test(error.message);

/** The token of the newest reset link mailed to the address. */
async function resetLinkSentTo(to: string): Promise<string> {
  const found = (await outboxTo(to)).at(-1)?.text.match(/https?:\/\/\S+\/auth\/password\/reset\?token=(\S+)/)?.[1];
  assert.ok(found, `no reset link mailed to ${to}`);
  return decodeURIComponent(found);
}

const linksOf = (userId: string) => db().userToken.findMany({ where: { userId, purpose: "PASSWORD_RESET" } });

test("an admin cannot send the owner or another admin a reset link: nothing is issued or mailed, their own link still works", async () => {
  const admin = await newAccount("ADMIN");
  for (const target of [await newAccount("OWNER"), await newAccount("ADMIN")]) {
    await requestPasswordReset(target.email, "203.0.113.5");
    const ownLink = await resetLinkSentTo(target.email);
    const linksBefore = await linksOf(target.id);

    await assert.rejects(
      sendPasswordResetForUser(target.id, as(admin)),
      refusal(/^You can only manage accounts with a lower role than yours\.$/),
    );

    assert.deepEqual(await linksOf(target.id), linksBefore, "no new link, and the earlier one is not voided");
    assert.equal((await outboxTo(target.email)).length, 1, "only the email they asked for themselves");
    assert.deepEqual(
      (await auditOf(target.id, "password.reset_requested")).map((row) => [row.actorId, row.ip]),
      [[null, "203.0.113.5"]],
    );
    assert.deepEqual(await resetPassword(ownLink, "their own new passphrase"), { status: "done" });
    assert.equal((await verifyCredentials(target.email, "their own new passphrase"))?.id, target.id);
  }
});

test("an admin sends a user a link for one hour, voiding the earlier one; the email says an administrator sent it; audited with the admin", async () => {
  const admin = await newAccount("ADMIN");
  const user = await newAccount();
  await requestPasswordReset(user.email);
  const older = await resetLinkSentTo(user.email);

  await sendPasswordResetForUser(user.id, as(admin));

  const mail = (await outboxTo(user.email)).at(-1);
  assert.match(mail?.subject ?? "", /^Reset your Keyring password$/);
  assert.match(mail?.text ?? "", /An administrator sent you this link to choose a new password for your Keyring account\./);
  assert.match(mail?.text ?? "", /\nFrom: an administrator, in the administration pages\n/);
  assert.match(mail?.text ?? "", /expires in one hour/);
  assert.ok(!(mail?.text ?? "").includes("198.51.100.9"), "the admin's address is not shown to the user");
  const token = await resetLinkSentTo(user.email);
  const row = await db().userToken.findUniqueOrThrow({ where: { tokenHash: digest(token) } });
  const lifetime = row.expiresAt.getTime() - Date.now();
  assert.ok(lifetime > 3600_000 - 60_000 && lifetime <= 3600_000, `lifetime ${lifetime} ms`);
  assert.ok(!JSON.stringify(await db().auditLog.findMany()).includes(token));

  const audit = (await auditOf(user.id, "password.reset_requested")).filter((entry) => entry.actorId !== null);
  assert.deepEqual(
    audit.map((entry) => [entry.actorId, entry.ip]),
    [[admin.id, "198.51.100.9"]],
  );

  assert.equal((await findResetAccount(older)).status, "used", "the earlier link is void");
  assert.deepEqual(await resetPassword(token, "the user's own choice"), { status: "done" });
  assert.equal((await verifyCredentials(user.email, "the user's own choice"))?.id, user.id);
  assert.equal(await verifyCredentials(user.email, PASSWORD), null);
});

test("the operator can send a link to anyone, the owner and admins included; the email says the server's operator", async () => {
  for (const target of [await newAccount("OWNER"), await newAccount("ADMIN"), await newAccount()]) {
    await sendPasswordResetForUser(target.id, OPERATOR);
    const mail = (await outboxTo(target.email)).at(-1);
    assert.match(mail?.text ?? "", /The server's operator sent you this link to choose a new password/);
    assert.match(mail?.text ?? "", /\nFrom: the server's operator, at the command line\n/);
    assert.deepEqual(
      (await auditOf(target.id, "password.reset_requested")).map((row) => [row.actorId, row.ip]),
      [[null, null]],
    );
    assert.deepEqual(await resetPassword(await resetLinkSentTo(target.email), "a passphrase of their own"), { status: "done" });
  }
  await assert.rejects(sendPasswordResetForUser("no-such-id", OPERATOR), refusal(/^No such account\.$/));
});

test("a reset the user asks for themselves reads as before: no staff named, no When and From", async () => {
  const user = await newAccount();
  await requestPasswordReset(user.email);
  const text = (await outboxTo(user.email)).at(-1)?.text ?? "";
  assert.match(text, /We received a request to reset the password of your Keyring account/);
  assert.doesNotMatch(text, /administrator|operator|\nFrom: /);
});
