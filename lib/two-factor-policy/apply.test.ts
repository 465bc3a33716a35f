import assert from "node:assert/strict";
import { test } from "node:test";
import { setTwoFactorRequiredForAccount, accountsRequiredWithoutTwoFactor } from "@/lib/admin/two-factor-requirement";
import { AdminActionError } from "@/lib/admin/actor";
import { describeAuditEvent } from "@/lib/audit/describe";
import { db, type User } from "@/lib/db/client";
import { auditOf, newAccount, outboxTo, reload } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { disableTwoFactor } from "@/lib/two-factor/disable";
import { applyTwoFactorRequirement } from "./apply";
import { isTwoFactorRequired, requiredAccountsWhere, type RequirementSettings } from "./requirement";
import { sweepTwoFactorRequirements } from "./sweep";

freshDatabaseForEachFile();

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const STAFF_7: RequirementSettings = { policy: "staff", graceDays: 7 };
const START = new Date("2026-12-01T12:00:00Z");
const later = (ms: number) => new Date(START.getTime() + ms);

const requirementEmails = async (user: User) =>
  (await outboxTo(user.email)).filter((email) => /two-factor authentication/i.test(email.subject)).map((email) => email.subject);

async function withTwoFactor(user: User): Promise<User> {
  return db().user.update({ where: { id: user.id }, data: { totpSecret: "v1.x.y.z", totpEnabledAt: START, twoFactorEnabledAt: START } });
}

test("start: a required account without 2FA gets a deadline 7 days out, one email saying when, and an audit row", async () => {
  const admin = await newAccount("ADMIN");
  const { requirement } = await applyTwoFactorRequirement(admin, { settings: STAFF_7, now: START });
  assert.deepEqual(requirement, { status: "pending", deadline: later(7 * DAY) });
  assert.equal((await reload(admin.id)).twoFactorDeadline?.toISOString(), "2026-12-08T12:00:00.000Z");
  assert.deepEqual(await requirementEmails(admin), ["Set up two-factor authentication for your Keyring account by 8 Dec 2026, 12:00 UTC"]);
  assert.match((await outboxTo(admin.email))[0]?.text ?? "", /signing in leads to setting it up, and nowhere else/);
  const rows = await auditOf(admin.id, "two_factor.deadline_set");
  assert.deepEqual(rows.map(describeAuditEvent), ["Deadline set to turn on two-factor authentication"]);

  // Seen again, a day later: nothing new.
  await applyTwoFactorRequirement(await reload(admin.id), { settings: STAFF_7, now: later(DAY) });
  assert.equal((await requirementEmails(admin)).length, 1);
  assert.equal((await reload(admin.id)).twoFactorDeadline?.toISOString(), "2026-12-08T12:00:00.000Z");
});

test("not required (a user under staff) or already set up (an admin with 2FA): no deadline and no email", async () => {
  const user = await newAccount("USER");
  const admin = await withTwoFactor(await newAccount("ADMIN"));
  assert.deepEqual((await applyTwoFactorRequirement(user, { settings: STAFF_7, now: START })).requirement, { status: "not-required" });
  assert.deepEqual((await applyTwoFactorRequirement(admin, { settings: STAFF_7, now: START })).requirement, { status: "satisfied" });
  assert.equal((await reload(user.id)).twoFactorDeadline, null);
  assert.equal((await reload(admin.id)).twoFactorDeadline, null);
  assert.deepEqual([...(await requirementEmails(user)), ...(await requirementEmails(admin))], []);
});

test("changing the grace period later never moves a stored deadline, either way", async () => {
  const admin = await newAccount("ADMIN");
  await applyTwoFactorRequirement(admin, { settings: STAFF_7, now: START });
  for (const graceDays of [1, 0, 30]) {
    const { requirement } = await applyTwoFactorRequirement(await reload(admin.id), {
      settings: { policy: "staff", graceDays },
      now: later(HOUR),
    });
    assert.deepEqual(requirement, { status: "pending", deadline: later(7 * DAY) }, `grace ${graceDays}`);
  }
  assert.equal((await requirementEmails(admin)).length, 1);
});

test("a policy that stops requiring drops the deadline; requiring again starts a fresh grace period, announced", async () => {
  const admin = await newAccount("ADMIN");
  await applyTwoFactorRequirement(admin, { settings: STAFF_7, now: START });
  const none: RequirementSettings = { policy: "none", graceDays: 7 };
  assert.deepEqual((await applyTwoFactorRequirement(await reload(admin.id), { settings: none, now: later(10 * DAY) })).requirement, {
    status: "not-required",
  });
  assert.equal((await reload(admin.id)).twoFactorDeadline, null);
  // Ten days on, the old deadline has passed; the new one is 7 days from now, never the old one.
  const { requirement } = await applyTwoFactorRequirement(await reload(admin.id), { settings: STAFF_7, now: later(10 * DAY) });
  assert.deepEqual(requirement, { status: "pending", deadline: later(17 * DAY) });
  assert.equal((await requirementEmails(admin)).length, 2);
});

test("reminders go out 3 days and 1 day before, each once; after the deadline the account is overdue and nothing more is sent", async () => {
  const admin = await newAccount("ADMIN");
  await applyTwoFactorRequirement(admin, { settings: STAFF_7, now: START });
  const at = async (ms: number) =>
    (await applyTwoFactorRequirement(await reload(admin.id), { settings: STAFF_7, now: later(ms) })).requirement;
  await at(3 * DAY);
  assert.equal((await requirementEmails(admin)).length, 1, "4 days before: no reminder yet");
  await at(4 * DAY);
  await at(4 * DAY + HOUR);
  await at(6 * DAY);
  await at(6 * DAY + HOUR);
  assert.equal((await at(7 * DAY)).status, "overdue");
  await at(8 * DAY);
  assert.deepEqual((await requirementEmails(admin)).slice(1), [
    "3 days left to set up two-factor authentication for your Keyring account",
    "1 day left to set up two-factor authentication for your Keyring account",
  ]);
});

test("grace 0: the deadline is the moment the requirement starts, one email, no reminders", async () => {
  const admin = await newAccount("ADMIN");
  const settings: RequirementSettings = { policy: "staff", graceDays: 0 };
  const { requirement } = await applyTwoFactorRequirement(admin, { settings, now: START });
  assert.deepEqual(requirement, { status: "overdue", deadline: START });
  await applyTwoFactorRequirement(await reload(admin.id), { settings, now: later(HOUR) });
  assert.deepEqual(await requirementEmails(admin), ["Set up two-factor authentication for your Keyring account"]);
  assert.match((await outboxTo(admin.email))[0]?.text ?? "", /before you can use your account again/);
});

test("a grace of 2 days: the first email stands for the 3-day reminder; the 1-day one still goes out", async () => {
  const admin = await newAccount("ADMIN");
  const settings: RequirementSettings = { policy: "staff", graceDays: 2 };
  await applyTwoFactorRequirement(admin, { settings, now: START });
  await applyTwoFactorRequirement(await reload(admin.id), { settings, now: later(HOUR) });
  await applyTwoFactorRequirement(await reload(admin.id), { settings, now: later(DAY) });
  assert.deepEqual((await requirementEmails(admin)).slice(1), ["1 day left to set up two-factor authentication for your Keyring account"]);
});

test("two requests at once: one deadline, one email; at a reminder's time, one reminder", async () => {
  const admin = await newAccount("ADMIN");
  const results = await Promise.all([1, 2, 3].map(() => applyTwoFactorRequirement(admin, { settings: STAFF_7, now: START })));
  for (const { requirement } of results) assert.deepEqual(requirement, { status: "pending", deadline: later(7 * DAY) });
  assert.equal((await requirementEmails(admin)).length, 1);

  const seen = await reload(admin.id);
  await Promise.all([1, 2, 3].map(() => applyTwoFactorRequirement(seen, { settings: STAFF_7, now: later(4 * DAY) })));
  assert.equal((await requirementEmails(admin)).length, 2);
});

test("the sweep reaches accounts that never sign in; two instances sweeping at once send each email once", async () => {
  const owner = await newAccount("OWNER");
  const [first, second] = await Promise.all([1, 2].map(() => sweepTwoFactorRequirements({ settings: STAFF_7, now: START })));
  assert.ok((first as number) + (second as number) >= 1);
  assert.equal((await reload(owner.id)).twoFactorDeadline?.toISOString(), later(7 * DAY).toISOString());
  await Promise.all([1, 2].map(() => sweepTwoFactorRequirements({ settings: STAFF_7, now: later(6 * DAY) })));
  await sweepTwoFactorRequirements({ settings: STAFF_7, now: later(6 * DAY + HOUR) });
  assert.deepEqual((await requirementEmails(owner)).slice(1), ["1 day left to set up two-factor authentication for your Keyring account"]);
});

test("while required, the owner of the account cannot turn 2FA off; nothing is cleared", async () => {
  const admin = await withTwoFactor(await newAccount("ADMIN"));
  assert.equal(await disableTwoFactor(admin.id, { actorId: admin.id, ip: "192.0.2.1" }, { settings: STAFF_7, now: START }), "required");
  const after = await reload(admin.id);
  assert.ok(after.twoFactorEnabledAt);
  assert.equal(after.totpSecret, "v1.x.y.z");
  assert.deepEqual(await outboxTo(admin.email), []);
  // Not required (policy none): the same request turns it off.
  const settings: RequirementSettings = { policy: "none", graceDays: 7 };
  assert.equal(await disableTwoFactor(admin.id, { actorId: admin.id, ip: "192.0.2.1" }, { settings, now: START }), "disabled");
});

test("staff turning off a required user's 2FA give a fresh grace period from that moment, and the user is told", async () => {
  const user = await newAccount("USER");
  const owner = await newAccount("OWNER");
  await setTwoFactorRequiredForAccount(user.id, true, { actorId: owner.id, ip: "198.51.100.7" }, { settings: STAFF_7, now: START });
  assert.equal((await reload(user.id)).twoFactorDeadline?.toISOString(), later(7 * DAY).toISOString());
  await withTwoFactor(await reload(user.id));

  // Twenty days on, long after the first deadline, the user has lost their phone.
  const when = later(20 * DAY);
  assert.equal(await disableTwoFactor(user.id, { actorId: owner.id, ip: "198.51.100.7" }, { settings: STAFF_7, now: when }), "disabled");
  const after = await reload(user.id);
  assert.equal(after.twoFactorDeadline?.toISOString(), later(27 * DAY).toISOString());
  assert.equal(after.twoFactorRemindersSent, 0);
  const restartRow = (await auditOf(user.id, "two_factor.deadline_set")).at(-1);
  assert.ok(restartRow);
  assert.equal(
    describeAuditEvent(restartRow),
    "Deadline set to turn on two-factor authentication (after two-factor authentication was turned off) by an administrator",
  );
  const restarted = (await outboxTo(user.email)).at(-1);
  assert.equal(restarted?.subject, "Set up two-factor authentication for your Keyring account by 28 Dec 2026, 12:00 UTC");
  assert.match(restarted?.text ?? "", /An administrator turned off two-factor authentication .* still requires it/);
  assert.deepEqual((await applyTwoFactorRequirement(after, { settings: STAFF_7, now: when })).requirement, {
    status: "pending",
    deadline: later(27 * DAY),
  });
});

test("require 2FA for one account: audited, refused on an equal role, listed with its deadline until set up", async () => {
  const user = await newAccount("USER");
  const admin = await newAccount("ADMIN");
  const otherAdmin = await newAccount("ADMIN");
  await setTwoFactorRequiredForAccount(user.id, true, { actorId: admin.id, ip: "198.51.100.7" }, { settings: STAFF_7, now: START });
  const [row] = await auditOf(user.id, "two_factor.required_for_account");
  assert.equal(row?.actorId, admin.id);
  assert.equal((await requirementEmails(user)).length, 1);
  await assert.rejects(
    setTwoFactorRequiredForAccount(otherAdmin.id, true, { actorId: admin.id, ip: "198.51.100.7" }),
    (error) => error instanceof AdminActionError && /lower role/.test(error.message),
  );
  await assert.rejects(setTwoFactorRequiredForAccount(user.id, true, { actorId: null, ip: null }), /already required/);

  const listed = await accountsRequiredWithoutTwoFactor({ settings: STAFF_7, now: later(8 * DAY) });
  const entry = listed.find((account) => account.id === user.id);
  assert.deepEqual(
    { deadline: entry?.deadline?.toISOString(), overdue: entry?.overdue, byAdmin: entry?.requiredByAdmin },
    { deadline: later(7 * DAY).toISOString(), overdue: true, byAdmin: true },
  );
  await withTwoFactor(await reload(user.id));
  assert.equal(
    (await accountsRequiredWithoutTwoFactor({ settings: STAFF_7 })).find((account) => account.id === user.id),
    undefined,
  );

  // Lifted, under a policy that does not require users: the deadline goes.
  const plain = await newAccount("USER");
  await setTwoFactorRequiredForAccount(plain.id, true, { actorId: null, ip: null }, { settings: STAFF_7, now: START });
  await setTwoFactorRequiredForAccount(plain.id, false, { actorId: null, ip: null }, { settings: STAFF_7, now: START });
  assert.equal((await reload(plain.id)).twoFactorDeadline, null);
  assert.equal((await auditOf(plain.id, "two_factor.no_longer_required_for_account")).length, 1);
});

test("the database filter for required accounts agrees with the rule, for every policy", async () => {
  await newAccount("USER", { confirmed: false });
  await newAccount("ADMIN", { confirmed: false });
  const flagged = await newAccount("USER");
  await db().user.update({ where: { id: flagged.id }, data: { twoFactorRequiredByAdmin: true } });
  const everyone = await db().user.findMany();
  for (const policy of ["none", "staff", "everyone"] as const) {
    const settings = { policy, graceDays: 7 };
    const byFilter = (await db().user.findMany({ where: requiredAccountsWhere(settings), select: { id: true } }))
      .map((user) => user.id)
      .sort();
    const byRule = everyone
      .filter((user) => isTwoFactorRequired(user, settings))
      .map((user) => user.id)
      .sort();
    assert.deepEqual(byFilter, byRule, policy);
  }
});
