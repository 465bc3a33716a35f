import assert from "node:assert/strict";
import { test } from "node:test";
import { changeAccountEmail } from "@/lib/admin/account-changes";
import { auditOf, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { sha256 } from "@/lib/tokens/random";
import { checkEmailChangeLink, confirmEmailChange } from "./confirm";
import { requestEmailChange } from "./request";

freshDatabaseForEachFile();

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CLIENT = { ip: "203.0.113.44", userAgent: FIREFOX_LINUX };
const uniqueAddress = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}@example.com`;

/** The token of the newest email-change link mailed to the address, or null. */
async function linkSentTo(to: string): Promise<string | null> {
  const found = (await outboxTo(to)).at(-1)?.text.match(/\/auth\/email-change\?token=(\S+)/)?.[1];
  return found ? decodeURIComponent(found) : null;
}

test("the link goes to the new address; the address changes only when the owner opens it; the old one is told", async () => {
  const user = await newAccount();
  const newEmail = uniqueAddress("moved");
  assert.deepEqual(await requestEmailChange(user.id, newEmail, CLIENT), { status: "sent" });
  assert.equal((await reload(user.id)).email, user.email, "nothing changes before the link is opened");
  const token = await linkSentTo(newEmail);
  assert.ok(token);
  assert.equal((await outboxTo(user.email)).length, 0);

  const row = await db().userToken.findFirstOrThrow({ where: { userId: user.id, purpose: "EMAIL_CHANGE" } });
  assert.equal(row.tokenHash, sha256(token), "only the digest is stored");
  assert.ok(row.payload && !row.payload.includes(newEmail.split("@")[0] ?? "-"), "the address is stored encrypted");
  assert.ok(Math.abs(row.expiresAt.getTime() - Date.now() - 24 * 3600_000) < 60_000, "24 hours");

  assert.deepEqual(await checkEmailChangeLink(user.id, token), { status: "valid", email: newEmail }, "looking at the link uses nothing up");
  assert.deepEqual(await confirmEmailChange(user.id, token, CLIENT), { status: "changed", email: newEmail });
  assert.equal((await reload(user.id)).email, newEmail);
  assert.equal((await verifyCredentials(newEmail, "granite-harbour-71"))?.id, user.id);
  const toOld = await outboxTo(user.email);
  assert.equal(toOld.length, 1);
  assert.match(toOld[0]?.subject ?? "", /email address of your .* account was changed/);
  assert.match(toOld[0]?.text ?? "", new RegExp(`was changed to ${newEmail.replace(/\./g, "\\.")}\\.`));
  assert.match(toOld[0]?.text ?? "", /\nFrom: Firefox 128 on Linux, IP address 203\.0\.113\.44\n/);
  assert.deepEqual(
    (await auditOf(user.id))
      .filter((entry) => entry.action.startsWith("account.email_change"))
      .map((entry) => [entry.action, entry.actorId, entry.ip]),
    [
      ["account.email_change_requested", user.id, CLIENT.ip],
      ["account.email_changed", user.id, CLIENT.ip],
    ],
  );
  assert.equal(
    (await db().userToken.findUniqueOrThrow({ where: { id: row.id } })).payload,
    null,
    "the address is erased from the used link",
  );
  assert.deepEqual(await confirmEmailChange(user.id, token, CLIENT), { status: "used" }, "single use");
});

test("someone else signed in cannot use the link, and does not use it up for the owner", async () => {
  const owner = await newAccount();
  const intruder = await newAccount();
  const newEmail = uniqueAddress("mine");
  await requestEmailChange(owner.id, newEmail, CLIENT);
  const token = (await linkSentTo(newEmail)) ?? "";
  assert.deepEqual(await checkEmailChangeLink(intruder.id, token), { status: "other-account" }, "the page does not show them the address");
  assert.deepEqual(await confirmEmailChange(intruder.id, token, CLIENT), { status: "other-account" });
  assert.equal((await reload(intruder.id)).email, intruder.email);
  assert.equal((await reload(owner.id)).email, owner.email);
  assert.equal((await confirmEmailChange(owner.id, token, CLIENT)).status, "changed");
});

test("an expired, unknown, replaced or wrong-purpose link changes nothing", async () => {
  const user = await newAccount();
  const first = uniqueAddress("first");
  await requestEmailChange(user.id, first, CLIENT);
  const older = (await linkSentTo(first)) ?? "";
  const second = uniqueAddress("second");
  await requestEmailChange(user.id, second, CLIENT);
  const newer = (await linkSentTo(second)) ?? "";
  assert.deepEqual(await confirmEmailChange(user.id, older, CLIENT), { status: "used" }, "a new request replaces the old link");
  assert.deepEqual(await confirmEmailChange(user.id, "not-a-token", CLIENT), { status: "unknown" });

  await db().userToken.updateMany({ where: { tokenHash: sha256(newer) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await confirmEmailChange(user.id, newer, CLIENT), { status: "expired" });
  assert.equal((await reload(user.id)).email, user.email);
  assert.equal((await outboxTo(user.email)).length, 0);
});

test("a taken address gets the same answer as a free one: its owner is told, no link is sent, an earlier link stops working", async () => {
  const user = await newAccount();
  const other = await newAccount();
  const free = uniqueAddress("free");
  await requestEmailChange(user.id, free, CLIENT);
  const earlier = (await linkSentTo(free)) ?? "";

  assert.deepEqual(await requestEmailChange(user.id, other.email, CLIENT), { status: "sent" });
  const toOwner = await outboxTo(other.email);
  assert.equal(toOwner.length, 1);
  assert.match(toOwner[0]?.subject ?? "", /tried to use your .* address for another account/);
  assert.equal(await linkSentTo(other.email), null, "no link to take the address over");
  assert.doesNotMatch(toOwner[0]?.text ?? "", new RegExp(user.username), "the requester is not named");
  assert.deepEqual(await confirmEmailChange(user.id, earlier, CLIENT), { status: "used" }, "as after any new request");
  assert.equal((await auditOf(user.id, "account.email_change_requested")).length, 2, "both requests look alike in the log");
});

test("an address taken between the request and the link is refused when the link is opened", async () => {
  const user = await newAccount();
  const wanted = uniqueAddress("contested");
  await requestEmailChange(user.id, wanted, CLIENT);
  const token = (await linkSentTo(wanted)) ?? "";
  const rival = await newAccount();
  await changeAccountEmail(rival.id, wanted, { actorId: null, ip: null });
  assert.deepEqual(await confirmEmailChange(user.id, token, CLIENT), { status: "taken" });
  assert.equal((await reload(user.id)).email, user.email);
});

test("the same address is refused; requests are limited per account and per address", async () => {
  const user = await newAccount();
  assert.deepEqual(await requestEmailChange(user.id, user.email, CLIENT), { status: "same-address" });
  for (let attempt = 0; attempt < 5; attempt++)
    assert.equal((await requestEmailChange(user.id, uniqueAddress("many"), CLIENT)).status, "sent");
  assert.equal((await requestEmailChange(user.id, uniqueAddress("many"), CLIENT)).status, "rate-limited");

  const target = uniqueAddress("target");
  for (let attempt = 0; attempt < 3; attempt++)
    assert.equal((await requestEmailChange((await newAccount()).id, target, CLIENT)).status, "sent");
  assert.equal(
    (await requestEmailChange((await newAccount()).id, target, CLIENT)).status,
    "rate-limited",
    "one mailbox is not flooded from many accounts",
  );
});

test("a change by an administrator voids the user's pending link", async () => {
  const user = await newAccount();
  const wanted = uniqueAddress("pending");
  await requestEmailChange(user.id, wanted, CLIENT);
  const token = (await linkSentTo(wanted)) ?? "";
  await changeAccountEmail(user.id, uniqueAddress("by-admin"), { actorId: null, ip: null });
  assert.deepEqual(await confirmEmailChange(user.id, token, CLIENT), { status: "used" });
});

test("an address held only by a sign-up that lapsed unconfirmed is free: the link goes to it and takes it; a sign-up still within its 24 hours holds it", async () => {
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
  const unconfirmedFor = async (hours: number) => {
    const signUp = await newAccount("USER", { confirmed: false });
    await db().user.update({ where: { id: signUp.id }, data: { createdAt: hoursAgo(hours) } });
    await db().userToken.updateMany({
      where: { userId: signUp.id },
      data: { createdAt: hoursAgo(hours), expiresAt: hoursAgo(hours - 24) },
    });
    return signUp;
  };
  const user = await newAccount();

  const recent = await unconfirmedFor(23);
  await requestEmailChange(user.id, recent.email, CLIENT);
  assert.equal(await linkSentTo(recent.email), null, "23 hours old: still held");

  const lapsed = await unconfirmedFor(25);
  await requestEmailChange(user.id, lapsed.email, CLIENT);
  const token = (await linkSentTo(lapsed.email)) ?? "";
  assert.notEqual(token, "", "25 hours old: the link is sent");
  assert.deepEqual(await checkEmailChangeLink(user.id, token), { status: "valid", email: lapsed.email });
  assert.deepEqual(await confirmEmailChange(user.id, token, CLIENT), { status: "changed", email: lapsed.email });
  assert.equal((await reload(user.id)).email, lapsed.email);
  assert.equal(await db().user.findUnique({ where: { id: lapsed.id } }), null, "the lapsed sign-up is gone");

  const other = await newAccount();
  const lapsedToo = await unconfirmedFor(25);
  await changeAccountEmail(other.id, lapsedToo.email, { actorId: null, ip: null });
  assert.equal((await reload(other.id)).email, lapsedToo.email, "an administrator's change too");
});
