import assert from "node:assert/strict";
import { test } from "node:test";
import {
  deadlineFrom,
  dueReminder,
  formatTimeLeft,
  isTwoFactorRequired,
  reminderStageReached,
  requirementState,
  type RequirementAccount,
} from "./requirement";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-12-01T12:00:00Z");
const STAFF = { policy: "staff", graceDays: 7 } as const;

const account = (changes: Partial<RequirementAccount> = {}): RequirementAccount => ({
  role: "USER",
  emailConfirmedAt: new Date("2026-01-01T00:00:00Z"),
  twoFactorEnabledAt: null,
  twoFactorRequiredByAdmin: false,
  twoFactorDeadline: null,
  twoFactorRemindersSent: 0,
  ...changes,
});

test("staff (the default policy) means admins and the owner; everyone means every confirmed account; none, no one by role", () => {
  const cases: [RequirementAccount, "none" | "staff" | "everyone", boolean][] = [
    [account({ role: "ADMIN" }), "staff", true],
    [account({ role: "OWNER" }), "staff", true],
    [account({ role: "USER" }), "staff", false],
    [account({ role: "USER" }), "everyone", true],
    [account({ role: "ADMIN" }), "none", false],
    [account({ role: "USER", emailConfirmedAt: null }), "everyone", false],
  ];
  for (const [who, policy, required] of cases) {
    assert.equal(isTwoFactorRequired(who, { policy, graceDays: 7 }), required, `${who.role} under ${policy}`);
  }
});

test("an administrator's requirement for one account holds under every policy", () => {
  for (const policy of ["none", "staff", "everyone"] as const) {
    assert.equal(isTwoFactorRequired(account({ twoFactorRequiredByAdmin: true }), { policy, graceDays: 7 }), true, policy);
  }
});

test("a deadline is 7 days after the requirement starts with the default grace, and the moment itself with 0", () => {
  assert.equal(deadlineFrom(NOW, 7).getTime() - NOW.getTime(), 7 * DAY);
  assert.equal(deadlineFrom(NOW, 0).getTime(), NOW.getTime());
});

test("state: not required, satisfied by 2FA, pending until the stored deadline, overdue from it on", () => {
  const deadline = new Date(NOW.getTime() + DAY);
  assert.deepEqual(requirementState(account(), STAFF, NOW), { status: "not-required" });
  assert.deepEqual(requirementState(account({ role: "ADMIN", twoFactorEnabledAt: NOW }), STAFF, NOW), { status: "satisfied" });
  assert.deepEqual(requirementState(account({ role: "ADMIN" }), STAFF, NOW), { status: "pending", deadline: null });
  const admin = account({ role: "ADMIN", twoFactorDeadline: deadline });
  assert.deepEqual(requirementState(admin, STAFF, NOW), { status: "pending", deadline });
  assert.deepEqual(requirementState(admin, STAFF, deadline), { status: "overdue", deadline });
  // The stored deadline is read as it is, whatever the grace period says today.
  assert.deepEqual(requirementState(admin, { policy: "staff", graceDays: 30 }, deadline), { status: "overdue", deadline });
});

test("reminders: 3 days before, then 1 day before, each once, and none after the deadline", () => {
  const deadline = new Date(NOW.getTime() + 7 * DAY);
  const admin = (sent: number) => account({ role: "ADMIN", twoFactorDeadline: deadline, twoFactorRemindersSent: sent });
  const at = (hoursBefore: number) => new Date(deadline.getTime() - hoursBefore * HOUR);
  assert.equal(dueReminder(admin(0), at(72 + 1)), null);
  assert.equal(dueReminder(admin(0), at(72))?.daysBefore, 3);
  assert.equal(dueReminder(admin(1), at(48)), null);
  assert.equal(dueReminder(admin(1), at(24))?.daysBefore, 1);
  assert.equal(dueReminder(admin(2), at(1)), null);
  // Late (no request and no sweep between): only the latest one is due.
  assert.equal(dueReminder(admin(0), at(12))?.daysBefore, 1);
  assert.equal(dueReminder(admin(0), at(0)), null);
});

test("a grace period shorter than a reminder counts that reminder as told by the first email", () => {
  assert.equal(reminderStageReached(deadlineFrom(NOW, 7), NOW), 0);
  assert.equal(reminderStageReached(deadlineFrom(NOW, 3), NOW), 1);
  assert.equal(reminderStageReached(deadlineFrom(NOW, 2), NOW), 1);
  assert.equal(reminderStageReached(deadlineFrom(NOW, 1), NOW), 2);
  assert.equal(reminderStageReached(deadlineFrom(NOW, 0), NOW), 2);
});

test("the countdown reads in days and hours", () => {
  const left = (ms: number) => formatTimeLeft(new Date(NOW.getTime() + ms), NOW);
  assert.equal(left(7 * DAY), "7 days");
  assert.equal(left(7 * DAY - 1), "6 days and 23 hours");
  assert.equal(left(DAY + HOUR), "1 day and 1 hour");
  assert.equal(left(5 * HOUR + 59 * 60 * 1000), "5 hours");
  assert.equal(left(59 * 60 * 1000), "less than an hour");
});
