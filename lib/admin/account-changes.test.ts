import assert from "node:assert/strict";
import { test } from "node:test";
import { confirmEmail } from "@/lib/accounts/confirm-email";
import { signUp } from "@/lib/accounts/sign-up";
import { db } from "@/lib/db/client";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { User } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { resetPassword } from "@/lib/password-reset/reset";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { AdminActionError } from "./actor";
import type { RequestContext } from "@/lib/request/context";
import { changeAccountEmail, changeAccountRole, confirmAccount } from "./account-changes";
import { auditOf, newAccount, outboxTo, PASSWORD, reload } from "@/lib/test-support/accounts";

freshDatabaseForEachFile();

const OPERATOR: RequestContext = { actorId: null, ip: null };
const as = (actor: User): RequestContext => ({ actorId: actor.id, ip: "198.51.100.9" });
const refusal = (pattern: RegExp) => (error: unknown) => error instanceof AdminActionError && pattern.test(error.message);

/** Nothing about the account changed, and nothing was recorded or mailed about it. */
async function untouched(unchanged: User) {
  assert.deepEqual(await reload(unchanged.id), unchanged);
  assert.equal((await auditOf(unchanged.id)).filter((row) => row.action !== "account.created").length, 0);
  assert.equal((await outboxTo(unchanged.email)).length, 0);
}

test("the operator changes an address: stored in lower case, the old address is told the new one, audited", async () => {
  const user = await newAccount();
  await changeAccountEmail(user.id, "  New.Address@Example.COM ", OPERATOR);

  assert.equal((await reload(user.id)).email, "new.address@example.com");
  const toOld = await outboxTo(user.email);
  assert.equal(toOld.length, 1);
  assert.match(toOld[0]?.subject ?? "", /email address of your .* account was changed/);
  assert.match(toOld[0]?.text ?? "", /The server's operator changed the email address of your .* account to new\.address@example\.com\./);
  assert.match(toOld[0]?.text ?? "", /\nFrom: the server's operator, at the command line\n/);
  assert.equal((await outboxTo("new.address@example.com")).length, 0);
  assert.deepEqual(
    (await auditOf(user.id, "account.email_changed")).map((row) => [row.actorId, row.ip]),
    [[null, null]],
  );
  assert.equal((await verifyCredentials("new.address@example.com", PASSWORD))?.id, user.id, "they sign in with the new address");
  assert.equal(await verifyCredentials(user.email, PASSWORD), null);
});

test("an admin's change names the admin in the audit log; the same address again changes nothing", async () => {
  const admin = await newAccount("ADMIN");
  const user = await newAccount();
  await changeAccountEmail(user.id, `renamed-${user.username}@example.com`, as(admin));
  assert.deepEqual(
    (await auditOf(user.id, "account.email_changed")).map((row) => [row.actorId, row.ip]),
    [[admin.id, "198.51.100.9"]],
  );

  await changeAccountEmail(user.id, `RENAMED-${user.username}@example.com`, as(admin));
  assert.equal((await auditOf(user.id, "account.email_changed")).length, 1, "no second row for no change");
  assert.equal((await outboxTo(user.email)).length, 1, "no second email");
});

test("an invalid or taken address is refused with a clear message and nothing changes", async () => {
  const user = await newAccount();
  const other = await newAccount();
  await assert.rejects(changeAccountEmail(user.id, "not-an-address", OPERATOR), refusal(/^email: Enter a valid email address/));
  await assert.rejects(changeAccountEmail(user.id, "", OPERATOR), refusal(/^email: Enter your email address/));
  await assert.rejects(
    changeAccountEmail(user.id, other.email.toUpperCase(), OPERATOR),
    refusal(new RegExp(`^email: ${other.email} already has an account$`)),
  );
  await untouched(user);
  assert.equal((await reload(other.id)).email, other.email);
});

test("an admin cannot change another admin or the owner, a user nobody; the operator may change anyone", async () => {
  const admin = await newAccount("ADMIN");
  const otherAdmin = await newAccount("ADMIN");
  const owner = await newAccount("OWNER");
  const user = await newAccount();
  for (const target of [otherAdmin, owner]) {
    await assert.rejects(changeAccountEmail(target.id, "taken-over@example.com", as(admin)), refusal(/lower role than yours/));
    await assert.rejects(confirmAccount(target.id, as(admin)), refusal(/lower role than yours/));
    await assert.rejects(changeAccountRole(target.id, "USER", as(admin)), refusal(/lower role than yours/));
    await untouched(target);
  }
  const peer = await newAccount();
  await assert.rejects(changeAccountEmail(peer.id, "taken-over@example.com", as(user)), refusal(/lower role than yours/));
  await untouched(peer);
  await assert.rejects(changeAccountEmail("no-such-id", "x@example.com", OPERATOR), refusal(/No such account/));

  await changeAccountEmail(owner.id, "owner-new@example.com", OPERATOR);
  assert.equal((await reload(owner.id)).email, "owner-new@example.com");
  await changeAccountEmail(otherAdmin.id, "admin-new@example.com", { actorId: owner.id, ip: null });
  assert.equal((await reload(otherAdmin.id)).email, "admin-new@example.com", "the owner manages admins");
});

/** The token of the newest link to `path` mailed to the address. */
async function linkSentTo(to: string, path: string): Promise<string> {
  const found = (await outboxTo(to)).at(-1)?.text.match(new RegExp(`${path}\\?token=(\\S+)`))?.[1];
  assert.ok(found, `no ${path} link mailed to ${to}`);
  return decodeURIComponent(found);
}

test("links mailed to the old address stop working once the address is changed", async () => {
  // Why an operator changes an address: its owner lost it. Whoever has the old mailbox now must not
  // keep a way in through a link that was sent there.
  const user = await newAccount();
  await requestPasswordReset(user.email);
  const resetToken = await linkSentTo(user.email, "/auth/password/reset");
  await changeAccountEmail(user.id, `safe-${user.username}@example.com`, OPERATOR);

  assert.deepEqual(await resetPassword(resetToken, "the old mailbox owner's pick"), { status: "used" });
  assert.equal(await verifyCredentials(`safe-${user.username}@example.com`, "the old mailbox owner's pick"), null);
  assert.equal((await verifyCredentials(`safe-${user.username}@example.com`, PASSWORD))?.id, user.id);

  const pending = await newAccount("USER", { confirmed: false });
  const confirmToken = await linkSentTo(pending.email, "/auth/confirmation");
  await changeAccountEmail(pending.id, `right-${pending.username}@example.com`, OPERATOR);
  assert.equal(await confirmEmail(confirmToken), "used", "the old address cannot vouch for the new one");
  assert.equal((await reload(pending.id)).emailConfirmedAt, null);
});

test("confirming an account sets the date once, audited; the operator and admins may do it", async () => {
  const admin = await newAccount("ADMIN");
  const pending = await newAccount("USER", { confirmed: false });
  assert.equal(pending.emailConfirmedAt, null);
  await confirmAccount(pending.id, as(admin));
  const confirmedAt = (await reload(pending.id)).emailConfirmedAt;
  assert.ok(confirmedAt && Date.now() - confirmedAt.getTime() < 60_000);
  await confirmAccount(pending.id, OPERATOR);
  assert.deepEqual((await reload(pending.id)).emailConfirmedAt, confirmedAt, "a second confirmation keeps the first date");
  assert.deepEqual(
    (await auditOf(pending.id, "account.email_confirmed")).map((row) => row.actorId),
    [admin.id],
  );

  const other = await newAccount("USER", { confirmed: false });
  await confirmAccount(other.id, OPERATOR);
  assert.ok((await reload(other.id)).emailConfirmedAt);
  assert.deepEqual(
    (await auditOf(other.id, "account.email_confirmed")).map((row) => row.actorId),
    [null],
  );
});

test("staff confirming a pre-registered address activates no stranger's password: links die, and the owner sets one by email", async () => {
  const admin = await newAccount("ADMIN");
  // Someone signs up first with the victim's address and a password of their own; the victim's own
  // sign-up, later, is carried by the newest link, which the victim cannot find.
  await signUp({ email: "prehijacked@example.com", username: "squatter_two", password: "attacker-chose-this-3" });
  await signUp({ email: "prehijacked@example.com", username: "rightful", password: "owner-own-passphrase-2" });
  const links = await db().userToken.findMany({ where: { user: { email: "prehijacked@example.com" }, purpose: "EMAIL_CONFIRMATION" } });
  assert.equal(links.length, 2);
  const account = await db().user.findUniqueOrThrow({ where: { email: "prehijacked@example.com" } });

  // Someone else's sign-up, waiting for its own link, which must keep working.
  await signUp({ email: "bystander@example.com", username: "bystander", password: "bystander-own-pass-6" });

  await confirmAccount(account.id, as(admin));
  assert.equal(
    await confirmEmail(await linkSentTo("bystander@example.com", "/auth/confirmation")),
    "valid",
    "another account's link still works",
  );
  assert.match(
    (await outboxTo("prehijacked@example.com")).at(-1)?.text ?? "",
    /An administrator sent you this link to choose a new password/,
  );
  assert.equal(
    await verifyCredentials("prehijacked@example.com", "attacker-chose-this-3"),
    null,
    "the first sign-up's password opens nothing",
  );
  assert.equal(await verifyCredentials("prehijacked@example.com", "owner-own-passphrase-2"), null);
  assert.equal(
    await db().userToken.count({ where: { userId: account.id, purpose: "EMAIL_CONFIRMATION", usedAt: null } }),
    0,
    "no confirmation link works any more",
  );
  assert.equal(await db().usernameHold.count({ where: { userId: account.id } }), 0, "the later sign-up's username is free");

  // The address's owner chooses the password through the emailed link.
  const resetToken = await linkSentTo("prehijacked@example.com", "/auth/password/reset");
  assert.equal((await resetPassword(resetToken, "owner-chose-after-all-4")).status, "done");
  assert.equal((await verifyCredentials("prehijacked@example.com", "owner-chose-after-all-4"))?.id, account.id);
});

test("the operator makes and unmakes staff; each change is audited with the roles", async () => {
  const user = await newAccount();
  await changeAccountRole(user.id, "ADMIN", OPERATOR);
  assert.equal((await reload(user.id)).role, "ADMIN");
  await changeAccountRole(user.id, "OWNER", OPERATOR);
  await changeAccountRole(user.id, "OWNER", OPERATOR);
  await changeAccountRole(user.id, "USER", OPERATOR);
  assert.equal((await reload(user.id)).role, "USER");
  const rows = await auditOf(user.id, "account.role_changed");
  assert.deepEqual(rows.map((row) => [row.actorId, row.details]).sort(), [
    [null, "ADMIN to OWNER"],
    [null, "OWNER to USER"],
    [null, "USER to ADMIN"],
  ]);
});

test("an admin cannot make anyone staff, themselves included; the owner can only demote an admin", async () => {
  const admin = await newAccount("ADMIN");
  const owner = await newAccount("OWNER");
  const user = await newAccount();
  await assert.rejects(changeAccountRole(user.id, "ADMIN", as(admin)), refusal(/^Only the operator can make staff\.$/));
  await assert.rejects(changeAccountRole(user.id, "OWNER", as(admin)), refusal(/Only the operator/));
  await assert.rejects(changeAccountRole(admin.id, "OWNER", as(admin)), refusal(/^Change your own account in Preferences\.$/));
  await assert.rejects(changeAccountRole(user.id, "ADMIN", as(owner)), refusal(/Only the operator/));
  await assert.rejects(changeAccountRole(owner.id, "USER", as(user)), refusal(/lower role than yours/));
  assert.equal((await reload(user.id)).role, "USER");
  assert.equal((await reload(admin.id)).role, "ADMIN");
  assert.equal((await reload(owner.id)).role, "OWNER");
  assert.equal((await auditOf(user.id, "account.role_changed")).length, 0);

  await changeAccountRole(admin.id, "USER", as(owner));
  assert.equal((await reload(admin.id)).role, "USER");
  assert.deepEqual(
    (await auditOf(admin.id, "account.role_changed")).map((row) => [row.actorId, row.details]),
    [[owner.id, "ADMIN to USER"]],
  );
});
