import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { auditOf, newAccount, newSessionSecret, PASSWORD, reload } from "@/lib/test-support/accounts";
import { verifyCredentials } from "@/lib/auth/credentials";
import { consumeBackupCode, replaceBackupCodes } from "@/lib/backup-codes/codes";
import { claimDeliveredBackupCodes } from "@/lib/backup-codes/delivery";
import { db } from "@/lib/db/client";
import { listMailbox } from "@/lib/mail/mailbox";
import { resetPassword } from "@/lib/password-reset/reset";
import { findActiveSession } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `node cli.ts …` as the operator would, on this file's database and DATA_DIR. */
function cli(args: string[], stdin = ""): Promise<Run> {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "cli.ts", ...args], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
/** Mail the command line delivered to the local mailbox (embedded mode, no SMTP) for an address. */
const mailboxOf = async (to: string) => (await listMailbox(process.env.DATA_DIR as string)).filter((mail) => mail.to === to);
async function withTwoFactor() {
  const user = await newAccount();
  await db().user.update({
    where: { id: user.id },
    data: { totpSecret: "v1.x.y.z", totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
  });
  return { user, codes: await db().$transaction((tx) => replaceBackupCodes(tx, user.id)) };
}
const normal = (code: string) => code.replace(/-/g, "");
/** Every audit row about the user, but the sign-ins the test itself made. */
const operatorAudit = async (userId: string) => (await auditOf(userId)).filter((row) => row.action !== "session.signed_in");

test("create: a generated password is printed once and works; --password-stdin takes the one given", async () => {
  const made = await cli(["accounts", "create", "Alice", "--email", "Alice@Example.COM", "--confirmed", "--role", "admin"]);
  assert.equal(made.stderr, "");
  assert.equal(made.code, 0);
  const printed = made.stdout.match(/^OK: created @alice <alice@example\.com> \(admin, confirmed\)\nNew password: (\S+)\n$/);
  assert.ok(printed?.[1], made.stdout);
  assert.equal(printed[1].length, 20);
  const alice = await verifyCredentials("alice@example.com", printed[1]);
  assert.equal(alice?.role, "ADMIN");
  assert.ok(alice.emailConfirmedAt);

  const given = await cli(["accounts", "create", "bob", "--email", "bob@example.com", "--password-stdin"], "a long passphrase for bob\n");
  assert.equal(given.code, 0, given.stderr);
  assert.equal(given.stdout, "OK: created @bob <bob@example.com> (user, confirmation link sent)\n");
  const bob = await verifyCredentials("bob@example.com", "a long passphrase for bob");
  assert.equal(bob?.role, "USER");
  assert.equal(bob.emailConfirmedAt, null);
  assert.match((await mailboxOf("bob@example.com"))[0]?.text ?? "", /\/auth\/confirmation\?token=/, "the confirmation link was delivered");

  const [weak, taken] = await Promise.all([
    cli(["accounts", "create", "carol", "--email", "carol@example.com", "--password-stdin"], "password\n"),
    cli(["accounts", "create", "alice", "--email", "another@example.com"]),
  ]);
  assert.deepEqual([weak.code, weak.stdout], [1, ""]);
  assert.match(weak.stderr, /^error: password: /);
  assert.deepEqual([taken.code, taken.stdout, taken.stderr], [1, "", "error: username: @alice is taken\n"]);
  assert.equal(await db().user.count({ where: { OR: [{ username: "carol" }, { email: "another@example.com" }] } }), 0);
  for (const user of [alice, bob]) {
    assert.deepEqual(
      (await auditOf(user.id)).map((row) => [row.action, row.actorId]),
      [["account.created", null]],
    );
  }
});

test("modify --email --confirm --role: one OK line each, all applied, audited as the operator", async () => {
  const user = await newAccount("USER", { confirmed: false });
  const run = await cli([
    "accounts",
    "modify",
    user.username.toUpperCase(),
    "--email",
    "Moved@Example.com",
    "--confirm",
    "--role",
    "admin",
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, "");
  assert.equal(
    run.stdout,
    [
      `OK: email of @${user.username} changed (the old address was told)`,
      `OK: @${user.username} is confirmed (a link to choose a password was mailed)`,
      `OK: @${user.username} is now admin`,
      "",
    ].join("\n"),
  );
  const row = await reload(user.id);
  assert.deepEqual([row.email, row.role, Boolean(row.emailConfirmedAt)], ["moved@example.com", "ADMIN", true]);
  assert.match(
    (await mailboxOf(user.email)).find((mail) => /was changed/.test(mail.subject))?.text ?? "",
    /account to moved@example\.com\./,
  );
  const audit = (await operatorAudit(user.id)).filter((entry) => entry.action !== "account.created");
  assert.deepEqual(audit.map((entry) => [entry.action, entry.actorId]).sort(), [
    ["account.email_changed", null],
    ["account.email_confirmed", null],
    ["account.role_changed", null],
    ["password.reset_requested", null],
  ]);
});

test("modify --regenerate-backup-codes: the old codes die, the codes reach the user by link, never the terminal", async () => {
  const { user, codes: old } = await withTwoFactor();
  const run = await cli(["accounts", "modify", user.username, "--regenerate-backup-codes"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `OK: new backup codes for @${user.username}; they were emailed a link to see them\n`);
  assert.equal(await consumeBackupCode(user.id, normal(old[0] as string), null), false);

  const link = (await mailboxOf(user.email))[0]?.text.match(/\/auth\/backup-codes\?token=(\S+)/)?.[1];
  assert.ok(link, "no link was delivered");
  const claimed = await claimDeliveredBackupCodes(user.id, decodeURIComponent(link));
  assert.equal(claimed.status, "delivered");
  const fresh = claimed.status === "delivered" ? claimed.codes : [];
  assert.equal(fresh.length, 10);
  for (const code of fresh) assert.ok(!run.stdout.includes(code) && !run.stdout.includes(normal(code)));
  assert.equal(await consumeBackupCode(user.id, normal(fresh[0] as string), null), true);
  const sent = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email } });
  assert.ok(sent.sentAt, "the command line delivers its mail");
  assert.equal(sent.text, "", "the delivered body, with its live link, is not kept");
  assert.deepEqual(
    (await auditOf(user.id, "backup_codes.regenerated")).map((entry) => entry.actorId),
    [null],
  );
});

test("modify --disable-2fa --reset-password: 2FA off, sessions ended, the printed password works", async () => {
  const { user, codes } = await withTwoFactor();
  const sessions = [await newSessionSecret(user.id), await newSessionSecret(user.id)];
  const run = await cli(["accounts", "modify", user.username, "--disable-2fa", "--reset-password"]);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split("\n");
  assert.equal(lines[0], `OK: two-factor authentication of @${user.username} is off; their sessions ended; they were emailed`);
  assert.equal(lines[1], `OK: new password for @${user.username}; their sessions ended; they were emailed`);
  const password = lines[2]?.match(/^New password: (\S{20})$/)?.[1];
  assert.ok(password, run.stdout);

  assert.equal((await reload(user.id)).totpEnabledAt, null);
  assert.equal(await consumeBackupCode(user.id, normal(codes[0] as string), null), false);
  for (const secret of sessions) assert.equal(await findActiveSession(secret), null);
  assert.equal((await verifyCredentials(user.email, password))?.id, user.id);
  assert.equal(await verifyCredentials(user.email, PASSWORD), null);
  const mail = await mailboxOf(user.email);
  assert.deepEqual(mail.map((entry) => entry.subject).sort(), [
    `Two-factor authentication is off for your Keyring account`,
    `Your Keyring password was changed`,
  ]);
  assert.ok(!mail.some((entry) => entry.text.includes(password) || entry.html.includes(password)));
  const audit = (await operatorAudit(user.id)).filter((entry) => entry.action !== "account.created");
  assert.deepEqual(audit.map((entry) => [entry.action, entry.actorId]).sort(), [
    ["password.changed", null],
    ["session.revoked", null],
    ["two_factor.disabled", null],
  ]);
});

test("modify --send-reset: the user is mailed a link naming the operator, which works; the terminal shows no token", async () => {
  const owner = await newAccount("OWNER");
  const run = await cli(["accounts", "modify", owner.username, "--send-reset"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `OK: a password reset link was sent to @${owner.username}, valid for one hour\n`);
  const mail = (await mailboxOf(owner.email)).at(-1);
  assert.equal(mail?.subject, "Reset your Keyring password");
  assert.match(mail?.text ?? "", /The server's operator sent you this link to choose a new password/);
  const token = mail?.text.match(/\/auth\/password\/reset\?token=(\S+)/)?.[1];
  assert.ok(token, "no link was delivered");
  assert.ok(!run.stdout.includes(token) && !run.stdout.includes(decodeURIComponent(token)));
  assert.deepEqual(
    (await auditOf(owner.id, "password.reset_requested")).map((row) => [row.actorId, row.ip]),
    [[null, null]],
  );
  assert.deepEqual(await resetPassword(decodeURIComponent(token), "the owner's own choice"), { status: "done" });
  assert.equal((await verifyCredentials(owner.email, "the owner's own choice"))?.id, owner.id);

  const both = await cli(["accounts", "modify", owner.username, "--send-reset", "--reset-password"]);
  assert.deepEqual([both.code, both.stdout], [2, ""]);
  assert.match(both.stderr, /^error: --reset-password and --send-reset cannot be combined/);
  assert.equal((await auditOf(owner.id, "password.reset_requested")).length, 1);
  assert.equal((await verifyCredentials(owner.email, "the owner's own choice"))?.id, owner.id);
});

test("mistakes are refused with a message and an exit code, and change nothing", async () => {
  const { user } = await withTwoFactor();
  const plain = await newAccount();
  const before = [await reload(user.id), await reload(plain.id)];
  const runs = await Promise.all([
    cli(["accounts", "modify", "nobody_here", "--confirm"]),
    cli(["accounts", "modify", user.username]),
    cli(["accounts", "modify", user.username, "--disable-2fa", "--regenerate-backup-codes"]),
    cli(["accounts", "modify", user.username, "--role", "superuser"]),
    cli(["accounts", "modify", user.username, "--role", "constructor"]),
    cli(["accounts", "modify", user.username, "--frobnicate"]),
    cli(["accounts", "frobnicate", user.username]),
    cli(["accounts", "modify", plain.username, "--regenerate-backup-codes"]),
  ]);
  const expected: [number, RegExp][] = [
    [1, /^error: no account with the username @nobody_here\n$/],
    [2, /^error: nothing to change: give at least one option\n\nUsage:/],
    [2, /^error: --disable-2fa and --regenerate-backup-codes cannot be combined/],
    [2, /^error: --role must be one of: user, admin, owner\n\nUsage:/],
    [2, /^error: --role must be one of: user, admin, owner\n\nUsage:/],
    [2, /^error: Unknown option '--frobnicate'/],
    [2, /^error: unknown command: frobnicate\n\nUsage:/],
    [1, /^error: This account has no two-factor authentication, so it has no backup codes\.\n$/],
  ];
  runs.forEach((run, index) => {
    assert.equal(run.code, expected[index]?.[0], `run ${index}: ${run.stderr}`);
    assert.match(run.stderr, expected[index]?.[1] as RegExp, `run ${index}`);
    assert.equal(run.stdout, "", `run ${index}`);
  });
  assert.deepEqual([await reload(user.id), await reload(plain.id)], before);
  for (const target of [user, plain]) {
    assert.deepEqual(
      (await auditOf(target.id)).map((row) => row.action),
      ["account.created"],
    );
    assert.equal(await db().userToken.count({ where: { userId: target.id } }), 0);
  }
});

test("list --without-2fa names the required accounts without it; modify --require-2fa on adds one, with a deadline 7 days out", async () => {
  const admin = await newAccount("ADMIN");
  const user = await newAccount();
  const { user: secured } = await withTwoFactor();
  await db().user.update({ where: { id: secured.id }, data: { role: "ADMIN" } });

  const before = await cli(["accounts", "list", "--without-2fa"]);
  assert.equal(before.code, 0, before.stderr);
  assert.match(before.stdout, /^Two-factor authentication is required of staff \(admins and the owner\), .* grace period of 7 days\.\n/);
  assert.match(before.stdout, new RegExp(`^@${admin.username} <${admin.email}> admin: no deadline yet$`, "m"));
  assert.doesNotMatch(before.stdout, new RegExp(`@(${user.username}|${secured.username}) `));

  const required = await cli(["accounts", "modify", user.username, "--require-2fa", "on"]);
  assert.equal(required.code, 0, required.stderr);
  assert.equal(required.stdout, `OK: two-factor authentication is required for @${user.username}\n`);
  const deadline = (await reload(user.id)).twoFactorDeadline;
  assert.ok(deadline && Math.abs(deadline.getTime() - Date.now() - 7 * 24 * 3600 * 1000) < 60_000, String(deadline));
  assert.equal((await auditOf(user.id, "two_factor.required_for_account"))[0]?.actorId, null);
  assert.match(
    (await mailboxOf(user.email)).map((mail) => mail.subject).join("\n"),
    /Set up two-factor authentication for your Keyring account by/,
  );

  const after = await cli(["accounts", "list", "--without-2fa"]);
  assert.match(
    after.stdout,
    new RegExp(`^@${user.username} <${user.email}> user, required by an administrator: due ${deadline.toISOString()}$`, "m"),
  );

  const wrong = await cli(["accounts", "modify", user.username, "--require-2fa", "maybe"]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /^error: --require-2fa must be on or off/);
  assert.equal((await cli(["accounts", "list"])).code, 2);
});

test("recovery list|approve|deny: the operator sees open requests and decides without a second factor, audited as the operator", async () => {
  const { startPendingSignIn, findPendingSignIn } = await import("@/lib/auth/pending-sign-in");
  const { startRecoveryRequest } = await import("@/lib/recovery/start");
  const requester = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0" };
  const start = async (userId: string) => {
    const pending = await findPendingSignIn(await startPendingSignIn(await reload(userId), requester));
    assert.ok(pending);
    assert.equal((await startRecoveryRequest(pending, requester)).status, "started");
  };
  const { user: first } = await withTwoFactor();
  const { user: second } = await withTwoFactor();
  await start(first.id);
  await start(second.id);

  const listed = await cli(["accounts", "recovery", "list"]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(
    listed.stdout,
    new RegExp(`@${first.username} <${first.email}>: started .* from Chrome 131 on Windows 10, IP address 203\\.0\\.113\\.9; ready `),
  );
  assert.match(listed.stdout, new RegExp(`@${second.username} `));

  const approved = await cli(["accounts", "recovery", "approve", first.username]);
  assert.equal(approved.code, 0, approved.stderr);
  assert.match(approved.stdout, /is approved/);
  const denied = await cli(["accounts", "recovery", "deny", second.username]);
  assert.equal(denied.code, 0, denied.stderr);
  const [approval] = await auditOf(first.id, "recovery.approved");
  assert.equal(approval?.actorId, null, "the operator acted");
  assert.equal((await auditOf(second.id, "recovery.denied")).length, 1);
  assert.equal((await db().recoveryRequest.findFirstOrThrow({ where: { userId: second.id } })).state, "denied");

  const again = await cli(["accounts", "recovery", "deny", second.username]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /no open recovery request/);
  assert.equal((await cli(["accounts", "recovery", "approve"])).code, 2);
  assert.equal((await cli(["accounts", "recovery", "forgive", first.username])).code, 2);
  assert.match((await cli(["accounts", "recovery", "list"])).stdout, new RegExp(`@${first.username} .*approved`));
});
