import assert from "node:assert/strict";
import { test } from "node:test";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";
import { auditOf, newAccount, newSession, outboxTo, reload } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { inRequest } from "@/lib/test-support/next-request";
import { AdminActionError } from "./actor";
import { requireAdmin } from "./require-admin";
import {
  accountsRequiredWithoutTwoFactor,
  countRequiredWithoutTwoFactor,
  describeTwoFactorPolicy,
  setTwoFactorRequiredForAccount,
} from "./two-factor-requirement";

freshDatabaseForEachFile();
process.env.APP_URL = "http://keyring.test";
process.env.REQUIRE_TWO_FACTOR = "none";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-06-01T12:00:00Z");
const none = { settings: { policy: "none" as const, graceDays: 7 }, now: NOW };
const refusal = (pattern: RegExp) => (error: unknown) => error instanceof AdminActionError && pattern.test(error.message);

test("requiring 2FA of an account stores a deadline 7 days on, audits it and tells the user, in one go", async () => {
  const admin = await newAccount("ADMIN");
  const user = await newAccount();
  const by: RequestContext = { actorId: admin.id, ip: "192.0.2.9" };

  await setTwoFactorRequiredForAccount(user.id, true, by, none);
  const required = await reload(user.id);
  assert.equal(required.twoFactorRequiredByAdmin, true);
  assert.equal(required.twoFactorDeadline?.toISOString(), new Date(NOW.getTime() + 7 * DAY).toISOString());
  const [audit] = await auditOf(user.id, "two_factor.required_for_account");
  assert.equal(audit?.actorId, admin.id);
  assert.equal(audit?.ip, "192.0.2.9");
  assert.equal((await outboxTo(user.email)).length, 1, "the user is told once");

  await assert.rejects(
    setTwoFactorRequiredForAccount(user.id, true, by, none),
    refusal(/^Two-factor authentication is already required for this account\.$/),
  );

  await setTwoFactorRequiredForAccount(user.id, false, by, none);
  const lifted = await reload(user.id);
  assert.equal(lifted.twoFactorRequiredByAdmin, false);
  assert.equal(lifted.twoFactorDeadline, null, "no longer required: no deadline");
  assert.equal((await auditOf(user.id, "two_factor.no_longer_required_for_account")).length, 1);
  await assert.rejects(
    setTwoFactorRequiredForAccount(user.id, false, by, none),
    refusal(/^This account has no requirement of its own to lift\.$/),
  );
});

test("an admin may not require 2FA of another admin, and the account must exist", async () => {
  const admin = await newAccount("ADMIN");
  const other = await newAccount("ADMIN");
  const auditRows = (await auditOf(other.id)).length;
  await assert.rejects(setTwoFactorRequiredForAccount(other.id, true, { actorId: admin.id, ip: null }, none), AdminActionError);
  assert.equal((await reload(other.id)).twoFactorRequiredByAdmin, false);
  assert.equal((await auditOf(other.id)).length, auditRows);
  assert.equal((await outboxTo(other.email)).length, 0);
  await assert.rejects(
    setTwoFactorRequiredForAccount("no-such-id", true, { actorId: null, ip: null }, none),
    refusal(/^No such account\.$/),
  );
});

test("the accounts required without 2FA: by policy or by choice, soonest deadline first, then by name", async () => {
  await db().user.deleteMany();
  const staff = { policy: "staff" as const, graceDays: 7 };
  const [a, b, c] = await Promise.all([newAccount("ADMIN"), newAccount("OWNER"), newAccount()]);
  // Without a deadline yet, by name: one created after b but named before it.
  const early = await newAccount("ADMIN");
  await db().user.update({ where: { id: early.id }, data: { username: "aaa_first_by_name" } });
  await db().user.update({ where: { id: b.id }, data: { username: "zzz_last_by_name" } });
  await db().user.update({ where: { id: a.id }, data: { twoFactorDeadline: new Date(NOW.getTime() - DAY) } });
  await db().user.update({
    where: { id: c.id },
    data: { twoFactorRequiredByAdmin: true, twoFactorDeadline: new Date(NOW.getTime() + DAY) },
  });
  const withTwoFactor = await newAccount("ADMIN");
  await db().user.update({ where: { id: withTwoFactor.id }, data: { twoFactorEnabledAt: NOW } });
  await newAccount();
  await newAccount("ADMIN", { confirmed: false });

  const listed = await accountsRequiredWithoutTwoFactor({ settings: staff, now: NOW });
  assert.deepEqual(
    listed.map((row) => [row.username, row.requiredByAdmin, row.deadline?.toISOString() ?? null, row.overdue]),
    [
      [a.username, false, new Date(NOW.getTime() - DAY).toISOString(), true],
      [c.username, true, new Date(NOW.getTime() + DAY).toISOString(), false],
      ["aaa_first_by_name", false, null, false],
      ["zzz_last_by_name", false, null, false],
    ],
  );
  assert.deepEqual(listed[0], {
    id: a.id,
    username: a.username,
    email: a.email,
    role: "ADMIN",
    requiredByAdmin: false,
    deadline: new Date(NOW.getTime() - DAY),
    overdue: true,
  });
  assert.equal(await countRequiredWithoutTwoFactor(staff), 4);
  assert.equal((await accountsRequiredWithoutTwoFactor({ settings: staff, now: NOW, take: 2 })).length, 2);
  assert.deepEqual(
    (await accountsRequiredWithoutTwoFactor({ settings: { policy: "none", graceDays: 7 }, now: NOW })).map((row) => row.id),
    [c.id],
  );
  assert.equal(await countRequiredWithoutTwoFactor({ policy: "everyone", graceDays: 7 }), 5, "every confirmed account without 2FA");
});

test("the policy in words", () => {
  assert.equal(
    describeTwoFactorPolicy({ policy: "staff", graceDays: 7 }),
    "Two-factor authentication is required of staff (admins and the owner), and of accounts an administrator chose, with a grace period of 7 days.",
  );
  assert.equal(
    describeTwoFactorPolicy({ policy: "everyone", graceDays: 1 }),
    "Two-factor authentication is required of every account, and of accounts an administrator chose, with a grace period of 1 day.",
  );
  assert.equal(
    describeTwoFactorPolicy({ policy: "none", graceDays: 0 }),
    "Two-factor authentication is required of no one by role, and of accounts an administrator chose, with no grace period: from the next sign-in.",
  );
});

test("the administration answers 403 to anyone signed in who is not staff, and sends the signed-out to sign in", async () => {
  const cookiesOf = async (userId: string) => ({
    "next-auth.session-token": await encode({ token: { sid: (await newSession(userId)).secret }, secret: config().authSecret }),
  });
  const user = await newAccount();
  assert.equal((await inRequest({ cookies: await cookiesOf(user.id) }, requireAdmin)).refusedWith, 403);
  assert.equal((await inRequest({}, requireAdmin)).redirectedTo, "/auth/sign-in");
  for (const role of ["ADMIN", "OWNER"] as const) {
    const staff = await newAccount(role);
    const allowed = await inRequest({ cookies: await cookiesOf(staff.id) }, requireAdmin);
    assert.equal(allowed.refusedWith, null);
    assert.equal(allowed.result?.user.id, staff.id);
  }
});
