import assert from "node:assert/strict";
import { test } from "node:test";
import { consumeBackupCode, replaceBackupCodes } from "@/lib/backup-codes/codes";
import { claimDeliveredBackupCodes } from "@/lib/backup-codes/delivery";
import { regenerateBackupCodes } from "@/lib/backup-codes/regenerate";
import { db, type User } from "@/lib/db/client";
import { decryptSecret } from "@/lib/encryption";
import { findActiveSession } from "@/lib/sessions/sessions";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { AdminActionError } from "./actor";
import type { RequestContext } from "@/lib/request/context";
import { auditOf, digest, newAccount, newSessionSecret, outboxTo, reload } from "@/lib/test-support/accounts";
import { disableTwoFactorForUser, regenerateBackupCodesForUser } from "./two-factor";

freshDatabaseForEachFile();

const OPERATOR: RequestContext = { actorId: null, ip: null };
const normal = (code: string) => code.replace(/-/g, "");
const refusal = (pattern: RegExp) => (error: unknown) => error instanceof AdminActionError && pattern.test(error.message);

/** A user with the authenticator app on (simulated) and a set of backup codes. */
async function withTwoFactor(options: { confirmed?: boolean } = {}) {
  const created = await newAccount("USER", options);
  const user = await db().user.update({
    where: { id: created.id },
    data: { totpSecret: "v1.x.y.z", totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
  });
  const codes = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
  return { user, codes };
}

/** Regenerates as `by` and returns the token of the link mailed to the user. */
async function regenerate(user: User, by: RequestContext = OPERATOR): Promise<string> {
  await regenerateBackupCodesForUser(user.id, by);
  const link = (await outboxTo(user.email)).at(-1)?.text.match(/https?:\/\/\S+\/auth\/backup-codes\?token=(\S+)/);
  assert.ok(link?.[1], "no /auth/backup-codes?token= link in the email");
  return decodeURIComponent(link[1]);
}

/** Every row a database reader could see about the user, as one string. */
async function everythingStored(userId: string) {
  const [users, tokens, codes, audit, outbox] = await Promise.all([
    db().user.findMany({ where: { id: userId } }),
    db().userToken.findMany({ where: { userId } }),
    db().backupCode.findMany({ where: { userId } }),
    db().auditLog.findMany(),
    db().outboxEmail.findMany(),
  ]);
  return JSON.stringify({ users, tokens, codes, audit, outbox });
}

test("refused for an account whose address is unconfirmed, and for one without two-factor authentication", async () => {
  const { user: unconfirmed, codes } = await withTwoFactor({ confirmed: false });
  await assert.rejects(
    regenerateBackupCodesForUser(unconfirmed.id, OPERATOR),
    refusal(/not active yet: its email address is not confirmed/),
  );
  assert.equal(await consumeBackupCode(unconfirmed.id, normal(codes[0] as string), null), true, "the old codes still work");

  const plain = await newAccount();
  await assert.rejects(regenerateBackupCodesForUser(plain.id, OPERATOR), refusal(/has no two-factor authentication/));
  for (const user of [unconfirmed, plain]) {
    assert.equal(await db().userToken.count({ where: { userId: user.id, purpose: "BACKUP_CODES_DELIVERY" } }), 0);
    assert.equal((await auditOf(user.id, "backup_codes.regenerated")).length, 0);
    assert.equal((await outboxTo(user.email)).filter((mail) => /backup codes/.test(mail.subject)).length, 0);
  }
  assert.equal(await db().backupCode.count({ where: { userId: plain.id } }), 0);
});

test("the old codes stop at once; the new ones wait encrypted behind a link, and work once claimed", async () => {
  const { user, codes: old } = await withTwoFactor();
  const admin = await newAccount("ADMIN");
  const token = await regenerate(user, { actorId: admin.id, ip: "198.51.100.4" });
  for (const code of old) assert.equal(await consumeBackupCode(user.id, normal(code), null), false);

  const row = await db().userToken.findFirstOrThrow({ where: { userId: user.id, purpose: "BACKUP_CODES_DELIVERY" } });
  assert.equal(row.tokenHash, digest(token));
  assert.match(row.payload ?? "", /^v1\./);
  // Bound to the account: the stored codes decrypt for this user only, and never without a context.
  const other = await newAccount();
  for (const context of [`backup-codes-delivery:${other.id}`, ""])
    assert.throws(() => decryptSecret(row.payload ?? "", context), Error, `decrypts with the context "${context}"`);
  assert.equal(JSON.parse(decryptSecret(row.payload ?? "", `backup-codes-delivery:${user.id}`)).length, 10);
  const expiresIn = row.expiresAt.getTime() - Date.now();
  assert.ok(expiresIn > 23 * 3600_000 && expiresIn <= 24 * 3600_000);
  const storedBefore = await everythingStored(user.id);
  assert.ok(!JSON.stringify(row).includes(token), "the link's token is stored in clear (the queued email holds it until sent)");
  const mail = (await outboxTo(user.email)).at(-1);
  assert.match(mail?.subject ?? "", /backup codes are ready/);
  assert.deepEqual(
    (await auditOf(user.id, "backup_codes.regenerated")).map((entry) => [entry.actorId, entry.ip, entry.details]),
    [[admin.id, "198.51.100.4", "sent to the user by email link"]],
  );

  const claimed = await claimDeliveredBackupCodes(user.id, token);
  assert.equal(claimed.status, "delivered");
  const newCodes = claimed.status === "delivered" ? claimed.codes : [];
  assert.equal(new Set(newCodes).size, 10);
  for (const code of newCodes) {
    assert.ok(!storedBefore.includes(code) && !storedBefore.includes(normal(code)), "a new code is readable in the database or the email");
    assert.ok(!old.includes(code));
  }
  assert.equal(
    (await db().userToken.findUniqueOrThrow({ where: { id: row.id } })).payload,
    null,
    "the encrypted codes are erased once shown",
  );
  for (const code of newCodes) assert.equal(await consumeBackupCode(user.id, normal(code), null), true);
  assert.deepEqual(await claimDeliveredBackupCodes(user.id, token), { status: "used" });
});

test("another account cannot open the link and does not use it up; an expired or made-up link gives nothing", async () => {
  const { user } = await withTwoFactor();
  const { user: other } = await withTwoFactor();
  const token = await regenerate(user);
  assert.deepEqual(await claimDeliveredBackupCodes(other.id, token), { status: "other-account" });
  assert.deepEqual(await claimDeliveredBackupCodes(user.id, "made-up-token"), { status: "unknown" });
  assert.equal((await claimDeliveredBackupCodes(user.id, token)).status, "delivered");

  const late = await regenerate(user);
  await db().userToken.update({ where: { tokenHash: digest(late) }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await claimDeliveredBackupCodes(user.id, late), { status: "expired" });
  assert.ok((await db().userToken.findUniqueOrThrow({ where: { tokenHash: digest(late) } })).usedAt === null);
});

test("a newer regeneration voids the earlier link", async () => {
  const { user } = await withTwoFactor();
  const first = await regenerate(user);
  const second = await regenerate(user);
  assert.deepEqual(await claimDeliveredBackupCodes(user.id, first), { status: "used" });
  const claimed = await claimDeliveredBackupCodes(user.id, second);
  assert.equal(claimed.status, "delivered");
  assert.equal(await consumeBackupCode(user.id, normal(claimed.status === "delivered" ? (claimed.codes[0] as string) : ""), null), true);
});

test("a link whose codes were replaced since (the user's own new set, 2FA off) shows nothing rather than dead codes", async () => {
  const { user } = await withTwoFactor();
  const token = await regenerate(user);
  const own = await regenerateBackupCodes(user.id, { actorId: user.id, ip: null });
  assert.deepEqual(await claimDeliveredBackupCodes(user.id, token), { status: "unknown" });
  assert.equal(await consumeBackupCode(user.id, normal(own?.[0] as string), null), true, "the set they made themselves stays");

  const { user: second } = await withTwoFactor();
  const stale = await regenerate(second);
  await disableTwoFactorForUser(second.id, OPERATOR);
  assert.deepEqual(await claimDeliveredBackupCodes(second.id, stale), { status: "unknown" });
  assert.equal((await db().userToken.findUniqueOrThrow({ where: { tokenHash: digest(stale) } })).payload, null);
});

test("an admin cannot regenerate another admin's codes or turn off their two-factor authentication", async () => {
  const admin = await newAccount("ADMIN");
  const { user: target, codes } = await withTwoFactor();
  await db().user.update({ where: { id: target.id }, data: { role: "ADMIN" } });
  await assert.rejects(regenerateBackupCodesForUser(target.id, { actorId: admin.id, ip: null }), refusal(/lower role than yours/));
  await assert.rejects(disableTwoFactorForUser(target.id, { actorId: admin.id, ip: null }), refusal(/lower role than yours/));
  assert.ok((await reload(target.id)).totpEnabledAt);
  assert.equal(await consumeBackupCode(target.id, normal(codes[0] as string), null), true, "their codes are untouched");
  assert.equal((await outboxTo(target.email)).length, 0);
});

test("turning off two-factor authentication clears it and the codes, ends every session, audited and emailed", async () => {
  const admin = await newAccount("ADMIN");
  const { user, codes } = await withTwoFactor();
  const phone = await newSessionSecret(user.id);
  const laptop = await newSessionSecret(user.id);
  const { user: bystander } = await withTwoFactor();
  const bystanderSession = await newSessionSecret(bystander.id);

  await disableTwoFactorForUser(user.id, { actorId: admin.id, ip: "198.51.100.4" });
  const row = await reload(user.id);
  assert.equal(row.totpEnabledAt, null);
  assert.equal(row.totpSecret, null);
  assert.equal(await db().backupCode.count({ where: { userId: user.id } }), 0);
  assert.equal(await consumeBackupCode(user.id, normal(codes[0] as string), null), false);
  assert.equal(await findActiveSession(phone), null);
  assert.equal(await findActiveSession(laptop), null);
  assert.equal(await db().session.count({ where: { userId: user.id, revokedAt: null } }), 0);
  assert.equal((await findActiveSession(bystanderSession))?.user.id, bystander.id, "other users stay signed in");
  assert.ok((await reload(bystander.id)).totpEnabledAt);

  const audit = await auditOf(user.id);
  const byAdmin = audit.filter((entry) => entry.actorId === admin.id).map((entry) => [entry.action, entry.details]);
  assert.deepEqual(byAdmin.sort(), [
    ["session.revoked", "2 sessions"],
    ["two_factor.disabled", "by an administrator"],
  ]);
  const mail = await outboxTo(user.email);
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.text ?? "", /An administrator turned off two-factor authentication/);

  await assert.rejects(disableTwoFactorForUser(user.id, { actorId: admin.id, ip: null }), refusal(/already off/));
  assert.equal((await auditOf(user.id)).length, audit.length, "nothing more recorded");
  assert.equal((await outboxTo(user.email)).length, 1, "nothing more mailed");
});
