import assert from "node:assert/strict";
import { test } from "node:test";
import { countOpenRecoveryRequests, decideRecoveryRequestFor, listOpenRecoveryRequests } from "@/lib/admin/recovery";
import { startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { replaceBackupCodes } from "@/lib/backup-codes/codes";
import { config } from "@/lib/config";
import { db, type User } from "@/lib/db/client";
import { OPERATOR, type RequestContext } from "@/lib/request/context";
import { auditOf, browser, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { codeNow, withAuthenticatorOn } from "@/lib/test-support/authenticator";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { verifySecondFactor } from "@/lib/two-factor/verify";
import { cancelRecoveryByLink, checkCancelLink } from "./close";
import { checkFinishLink, finishRecovery } from "@/lib/two-factor/finish-recovery";
import { openRecoveryRequest, startRecoveryRequest } from "./start";

freshDatabaseForEachFile();

const HOUR = 3600 * 1000;
const attacker = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0" };
const later = (start: Date, hours: number) => new Date(start.getTime() + hours * HOUR);

/** An account with every kind of factor: authenticator app, a security key, a passkey, backup codes, email codes. */
async function accountWithEveryFactor(): Promise<{ user: User; secret: string }> {
  const { user, secret } = await withAuthenticatorOn((await newAccount()).id);
  await db().user.update({ where: { id: user.id }, data: { emailCodesEnabled: true } });
  for (const passkey of [false, true]) {
    await db().securityKey.create({
      data: { userId: user.id, name: passkey ? "Phone" : "Key", credentialId: `${user.id}-${passkey}`, publicKey: "AQID", passkey },
    });
  }
  await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  return { user: await reload(user.id), secret };
}

/** A sign-in with the password in progress: what the first step leaves. */
const passwordGiven = async (user: User, client: RequestContext = attacker) => {
  const token = await startPendingSignIn(user, client);
  const pending = await db().pendingSignIn.findFirstOrThrow({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    include: { user: true },
  });
  return { token, pending: { id: pending.id, user: pending.user, ip: pending.ip, userAgent: pending.userAgent } };
};

/** The token of the last link to `pathname` mailed to `email`. */
async function linkIn(email: string, pathname: string): Promise<string> {
  const mails = await outboxTo(email);
  for (const mail of mails.reverse()) {
    const match = mail.text.match(new RegExp(`https?://\\S+${pathname}\\?token=(\\S+)`));
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  throw new Error(`no ${pathname} link mailed to ${email}`);
}

async function started(user: User, now = new Date()) {
  const { token, pending } = await passwordGiven(user);
  const result = await startRecoveryRequest(pending, attacker, now);
  assert.equal(result.status, "started");
  return {
    pendingToken: token,
    finish: await linkIn(user.email, "/auth/recovery/finish"),
    cancel: await linkIn(user.email, "/auth/recovery/cancel"),
  };
}

test("starting: the wait is 72 hours, the owner is mailed the finishing and cancel links, only their digests are stored, and it is audited", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { finish, cancel } = await started(user, start);
  const request = await openRecoveryRequest(user.id);
  assert.equal(request?.readyAt.getTime(), start.getTime() + 72 * HOUR);
  assert.equal(request?.state, "pending");
  assert.equal(request?.ip, attacker.ip);
  assert.equal(request?.userAgent, attacker.userAgent);
  const mail = (await outboxTo(user.email)).at(-1);
  assert.match(mail?.subject ?? "", /Recovery request/);
  assert.match(mail?.text ?? "", /IP address 203\.0\.113\.9/);
  const stored = JSON.stringify(await db().userToken.findMany({ where: { userId: user.id } }));
  assert.ok(!stored.includes(finish) && !stored.includes(cancel), "tokens are stored as digests");
  assert.equal((await auditOf(user.id, "recovery.requested")).length, 1);
  assert.equal((await reload(user.id)).twoFactorEnabledAt !== null, true, "nothing changes at the start");
});

test("SELF_SERVICE_RECOVERY_HOURS sets the wait", async () => {
  const { user } = await accountWithEveryFactor();
  const settings = config().selfServiceRecovery;
  settings.waitSeconds = 24 * 3600;
  try {
    const start = new Date();
    await started(user, start);
    assert.equal((await openRecoveryRequest(user.id))?.readyAt.getTime(), start.getTime() + 24 * HOUR);
  } finally {
    settings.waitSeconds = 72 * 3600;
  }
});

test("a stolen password alone cannot finish: not before 72 hours, not without the emailed link, not from another account's sign-in", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  assert.deepEqual(await finishRecovery(finish, pendingToken, attacker, later(start, 71.9)), {
    status: "waiting",
    readyAt: later(start, 72),
  });
  assert.deepEqual(await finishRecovery("x".repeat(43), pendingToken, attacker, later(start, 73)), { status: "unknown" });
  assert.deepEqual(await finishRecovery(finish, undefined, attacker, later(start, 73)), { status: "no-sign-in" });
  const other = await passwordGiven((await withAuthenticatorOn((await newAccount()).id)).user);
  assert.deepEqual(await finishRecovery(finish, other.token, attacker, later(start, 73)), { status: "no-sign-in" });
  assert.ok((await reload(user.id)).twoFactorEnabledAt, "two-factor authentication is still on");
  assert.equal((await auditOf(user.id, "recovery.completed")).length, 0);
});

test("after 72 hours, the password and the link turn every factor off, once; the link then does nothing", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  const at = later(start, 72);
  assert.deepEqual(await checkFinishLink(finish, pendingToken, at), { status: "ready", username: user.username });
  const result = await finishRecovery(finish, pendingToken, attacker, at);
  assert.equal(result.status, "finished");
  const after = await reload(user.id);
  assert.equal(after.twoFactorEnabledAt, null);
  assert.equal(after.totpSecret, null);
  assert.equal(after.emailCodesEnabled, false);
  assert.equal(await db().securityKey.count({ where: { userId: user.id } }), 0, "security keys and passkeys are gone");
  assert.equal(await db().backupCode.count({ where: { userId: user.id } }), 0);
  assert.equal(await db().pendingSignIn.count({ where: { userId: user.id } }), 0);
  assert.equal(await openRecoveryRequest(user.id), null);
  assert.equal((await db().recoveryRequest.findFirstOrThrow({ where: { userId: user.id } })).state, "completed");
  assert.equal((await auditOf(user.id, "recovery.completed")).length, 1);
  assert.equal((await auditOf(user.id, "two_factor.disabled")).length, 1);
  assert.match((await outboxTo(user.email)).at(-1)?.subject ?? "", /Two-factor authentication is off/);

  const again = await passwordGiven(user);
  assert.deepEqual(await finishRecovery(finish, again.token, attacker, at), { status: "used" });
});

test("two finishes at once: one turns 2FA off, the other changes nothing", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  const results = await Promise.all(Array.from({ length: 4 }, () => finishRecovery(finish, pendingToken, attacker, later(start, 72))));
  assert.equal(results.filter((result) => result.status === "finished").length, 1);
  assert.equal((await auditOf(user.id, "recovery.completed")).length, 1);
  assert.equal((await auditOf(user.id, "two_factor.disabled")).length, 1);
});

test("one open request per account, also when two starts race", async () => {
  const { user } = await accountWithEveryFactor();
  const [first, second] = await Promise.all([passwordGiven(user), passwordGiven(user)]);
  const results = await Promise.all([first, second].map(({ pending }) => startRecoveryRequest(pending, attacker)));
  assert.deepEqual(results.map((result) => result.status).sort(), ["already-open", "started"]);
  assert.equal((await startRecoveryRequest(first.pending, attacker)).status, "already-open");
  assert.equal(await db().recoveryRequest.count({ where: { userId: user.id } }), 1);
  assert.equal((await auditOf(user.id, "recovery.requested")).length, 1);
  assert.equal((await outboxTo(user.email)).filter((mail) => /Recovery request/.test(mail.subject)).length, 1);
});

test("the owner's cancel link stops it: the request closes, its links die, a second click does nothing", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish, cancel } = await started(user, start);
  assert.deepEqual(await checkCancelLink(cancel), { status: "valid", username: user.username });
  assert.deepEqual(await cancelRecoveryByLink(cancel, browser), { status: "cancelled" });
  assert.equal(await openRecoveryRequest(user.id), null);
  assert.equal((await auditOf(user.id, "recovery.cancelled")).length, 1);
  assert.match((await outboxTo(user.email)).at(-1)?.subject ?? "", /was cancelled/);
  assert.deepEqual(await cancelRecoveryByLink(cancel, browser), { status: "used" });
  assert.deepEqual(await finishRecovery(finish, pendingToken, attacker, later(start, 73)), { status: "used" });
  assert.ok((await reload(user.id)).twoFactorEnabledAt);
});

test("a sign-in with a second factor cancels it, in the sign-in's transaction", async () => {
  const { user, secret } = await accountWithEveryFactor();
  const start = new Date();
  const { finish } = await started(user, start);
  const owner = await passwordGiven(user, browser);
  const signedIn = await verifySecondFactor({
    method: "authenticator",
    input: { code: codeNow(secret) },
    context: { place: "sign-in", pendingToken: owner.token, client: browser },
  });
  assert.equal(signedIn.status, "verified");
  assert.equal(await openRecoveryRequest(user.id), null);
  assert.equal((await db().recoveryRequest.findFirstOrThrow({ where: { userId: user.id } })).state, "cancelled");
  assert.match((await auditOf(user.id, "recovery.cancelled"))[0]?.details ?? "", /authenticator app/);
  assert.match((await outboxTo(user.email)).at(-1)?.subject ?? "", /was cancelled/);
  const attackerAgain = await passwordGiven(user);
  assert.deepEqual(await finishRecovery(finish, attackerAgain.token, attacker, later(start, 73)), { status: "used" });
});

test("denied by staff: it cannot finish, even after the wait; the owner is told", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  await decideRecoveryRequestFor(user.id, "deny", OPERATOR);
  assert.equal((await db().recoveryRequest.findFirstOrThrow({ where: { userId: user.id } })).state, "denied");
  assert.equal((await auditOf(user.id, "recovery.denied")).length, 1);
  assert.match((await outboxTo(user.email)).at(-1)?.subject ?? "", /was denied/);
  assert.deepEqual(await finishRecovery(finish, pendingToken, attacker, later(start, 73)), { status: "used" });
  await assert.rejects(
    decideRecoveryRequestFor(user.id, "approve", OPERATOR),
    /^Error: This account has no recovery request waiting for approval\.$/,
  );
  await assert.rejects(decideRecoveryRequestFor(user.id, "deny", OPERATOR), /^Error: This account has no open recovery request\.$/);
  assert.ok((await reload(user.id)).twoFactorEnabledAt);
});

test("the administration lists the open requests, oldest first, with what staff need to decide and nothing more", async () => {
  await db().recoveryRequest.deleteMany();
  const { user: first } = await accountWithEveryFactor();
  const { user: second } = await accountWithEveryFactor();
  const { user: closed } = await accountWithEveryFactor();
  await started(second, later(new Date(), -2));
  await started(first, later(new Date(), -3));
  await started(closed, later(new Date(), -1));
  await decideRecoveryRequestFor(closed.id, "deny", OPERATOR);

  const open = await listOpenRecoveryRequests();
  assert.deepEqual(
    open.map((request) => request.user.username),
    [first.username, second.username],
  );
  assert.deepEqual(Object.keys(open[0] ?? {}).sort(), ["createdAt", "id", "ip", "readyAt", "state", "user", "userAgent"]);
  assert.deepEqual(open[0]?.user, { id: first.id, username: first.username, email: first.email });
  assert.equal(open[0]?.state, "pending");
  assert.equal(open[0]?.ip, attacker.ip);
  assert.equal(open[0]?.userAgent, attacker.userAgent);
  assert.ok(open[0]?.readyAt && open[0].createdAt && open[0].readyAt > open[0].createdAt);
  assert.deepEqual(
    (await listOpenRecoveryRequests({ take: 1 })).map((request) => request.user.id),
    [first.id],
  );
  assert.equal(await countOpenRecoveryRequests(), 2);
});

test("approved by staff: it finishes at once, without the wait", async () => {
  const { user } = await accountWithEveryFactor();
  const { pendingToken, finish } = await started(user);
  await decideRecoveryRequestFor(user.id, "approve", OPERATOR);
  assert.equal((await openRecoveryRequest(user.id))?.state, "approved");
  assert.equal((await auditOf(user.id, "recovery.approved")).length, 1);
  assert.match((await outboxTo(user.email)).at(-1)?.text ?? "", /\/auth\/recovery\/cancel\?token=/);
  assert.equal((await finishRecovery(finish, pendingToken, attacker)).status, "finished");
  assert.equal((await reload(user.id)).twoFactorEnabledAt, null);
});

test("staff follow the role rule: an admin cannot decide on another admin's request", async () => {
  const { user: target } = await withAuthenticatorOn((await newAccount("ADMIN")).id);
  await started(target);
  const admin = await newAccount("ADMIN");
  await assert.rejects(decideRecoveryRequestFor(target.id, "approve", { actorId: admin.id, ip: "192.0.2.1" }));
  assert.equal((await openRecoveryRequest(target.id))?.state, "pending");
});

test("at most 3 requests per account a day", async () => {
  const { user } = await accountWithEveryFactor();
  for (let round = 0; round < 3; round++) {
    const { cancel } = await started(user);
    assert.equal((await cancelRecoveryByLink(cancel, browser)).status, "cancelled");
  }
  const { pending } = await passwordGiven(user);
  const limited = await startRecoveryRequest(pending, attacker);
  assert.equal(limited.status, "rate-limited");
  assert.ok(limited.status === "rate-limited" && limited.retryAfterSeconds > 23 * 3600);
  assert.equal(await openRecoveryRequest(user.id), null);
});

test("SELF_SERVICE_RECOVERY=off: no request starts, and an open one cannot be finished by the user", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  config().selfServiceRecovery.enabled = false;
  try {
    const { pending } = await passwordGiven((await withAuthenticatorOn((await newAccount()).id)).user);
    assert.deepEqual(await startRecoveryRequest(pending, attacker), { status: "off" });
    assert.deepEqual(await finishRecovery(finish, pendingToken, attacker, later(start, 73)), { status: "off" });
  } finally {
    config().selfServiceRecovery.enabled = true;
  }
  assert.ok((await reload(user.id)).twoFactorEnabledAt);
});

test("the links work until 7 days after the wait; then they have expired and the request lapses at the next start", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish, cancel } = await started(user, start);
  assert.equal((await checkFinishLink(finish, pendingToken, later(start, 72 + 7 * 24 - 1))).status, "ready");
  assert.deepEqual(await checkFinishLink(finish, pendingToken, later(start, 72 + 7 * 24 + 1)), { status: "expired" });
  assert.deepEqual(await cancelRecoveryByLink(cancel, browser, later(start, 72 + 7 * 24 + 1)), { status: "expired" });
  const { pending } = await passwordGiven(user);
  assert.equal((await startRecoveryRequest(pending, attacker, later(start, 72 + 6 * 24))).status, "already-open");
  assert.equal((await startRecoveryRequest(pending, attacker, later(start, 72 + 7 * 24 + 1))).status, "started");
  assert.equal(await db().recoveryRequest.count({ where: { userId: user.id } }), 2);
});

test("finishing is recorded for what it was: after the wait or approved by staff, from which address, with the request closed as finished", async () => {
  const afterWait = (await accountWithEveryFactor()).user;
  const start = new Date();
  const waited = await started(afterWait, start);
  assert.equal((await finishRecovery(waited.finish, waited.pendingToken, attacker, later(start, 72))).status, "finished");
  const [completed] = await auditOf(afterWait.id, "recovery.completed");
  assert.deepEqual([completed?.details, completed?.ip, completed?.actorId], ["after the wait", "203.0.113.9", afterWait.id]);
  const [disabled] = await auditOf(afterWait.id, "two_factor.disabled");
  assert.deepEqual([disabled?.details, disabled?.ip], ["by a recovery request", "203.0.113.9"]);
  assert.match((await outboxTo(afterWait.email)).at(-1)?.text ?? "", /Windows/, "the email names the browser that finished it");
  const closed = await db().recoveryRequest.findFirstOrThrow({ where: { userId: afterWait.id } });
  assert.equal(closed.closedHow, "finished with the emailed link and the password");

  const approved = (await accountWithEveryFactor()).user;
  const early = await started(approved);
  await decideRecoveryRequestFor(approved.id, "approve", OPERATOR);
  assert.equal((await finishRecovery(early.finish, early.pendingToken, attacker)).status, "finished");
  assert.equal((await auditOf(approved.id, "recovery.completed"))[0]?.details, "approved by staff");
});

test("what stops a finish is said as such: a malformed link, no sign-in in this browser, a request closed some other way", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  const at = later(start, 72);
  assert.deepEqual(await checkFinishLink("not a link", pendingToken, at), { status: "unknown" });
  assert.deepEqual(await finishRecovery("not a link", pendingToken, attacker, at), { status: "unknown" });
  assert.deepEqual(await finishRecovery(finish, undefined, attacker, at), { status: "no-sign-in" });
  assert.deepEqual(await finishRecovery(finish, "a token no sign-in has", attacker, at), { status: "no-sign-in" });

  // Closed without its links being ended (as by a sign-in elsewhere racing this one): the link cannot finish it.
  await db().recoveryRequest.updateMany({ where: { userId: user.id }, data: { openFor: null, state: "cancelled" } });
  assert.deepEqual(await checkFinishLink(finish, pendingToken, at), { status: "closed" });
  assert.deepEqual(await finishRecovery(finish, pendingToken, attacker, at), { status: "closed" });
  assert.ok((await reload(user.id)).twoFactorEnabledAt, "2FA stays on");
});

test("of finishes racing, the ones that lose say the link was used", async () => {
  const { user } = await accountWithEveryFactor();
  const start = new Date();
  const { pendingToken, finish } = await started(user, start);
  const results = await Promise.all(Array.from({ length: 4 }, () => finishRecovery(finish, pendingToken, attacker, later(start, 72))));
  assert.deepEqual(results.map((result) => result.status).sort(), ["finished", "used", "used", "used"]);
});
