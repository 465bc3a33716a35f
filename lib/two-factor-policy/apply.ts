import "server-only";
import { recordAudit } from "@/lib/audit";
import { now as clockNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { db, type Db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { twoFactorReminderEmail, twoFactorRequiredEmail } from "./emails";
import {
  deadlineFrom,
  dueReminder,
  isTwoFactorRequired,
  reminderStageReached,
  requirementState,
  type RequirementSettings,
  type TwoFactorRequirement,
} from "./requirement";

/** Today's settings and time, or those a test gives. */
export type RequirementOptions = { settings?: RequirementSettings; now?: Date };

function resolve(options: RequirementOptions): { settings: RequirementSettings; now: Date } {
  return { settings: options.settings ?? config().twoFactorRequirement, now: options.now ?? clockNow() };
}

/**
 * Brings one account's stored requirement up to date, then says where it stands: a deadline is stored
 * the first time the account is seen required without 2FA (with the email announcing it), a reminder
 * whose day has come is sent, and the deadline of an account no longer required is dropped (a later
 * requirement starts a fresh grace period, never an old, passed deadline). Each write is a
 * conditional update, so of several requests or instances at once one does it and one email goes out.
 */
export async function applyTwoFactorRequirement(
  user: User,
  options: RequirementOptions = {},
): Promise<{ user: User; requirement: TwoFactorRequirement }> {
  const { settings, now } = resolve(options);
  if (needsWrite(user, settings, now)) {
    const changed = await db().$transaction((tx) => updateRequirement(tx, user, { settings, now }));
    if (changed) {
      notifyOutbox();
      user = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    } else {
      // Another request or instance did it first: read what it stored.
      user = (await db().user.findUnique({ where: { id: user.id } })) ?? user;
    }
  }
  return { user, requirement: requirementState(user, settings, now) };
}

function needsWrite(user: User, settings: RequirementSettings, now: Date): boolean {
  if (!isTwoFactorRequired(user, settings)) return user.twoFactorDeadline !== null;
  if (user.twoFactorEnabledAt) return false;
  return user.twoFactorDeadline === null || dueReminder(user, now) !== null;
}

/**
 * The writes behind applyTwoFactorRequirement, inside the caller's transaction (an administrator's
 * "require 2FA for this account" commits with its audit row and its email). Returns whether anything
 * was written; mail queued here needs notifyOutbox() after the commit.
 */
export async function updateRequirement(tx: Db, user: User, options: RequirementOptions = {}): Promise<boolean> {
  const { settings, now } = resolve(options);
  if (!isTwoFactorRequired(user, settings)) {
    if (user.twoFactorDeadline === null) return false;
    const cleared = await tx.user.updateMany({
      where: { id: user.id, twoFactorDeadline: user.twoFactorDeadline },
      data: { twoFactorDeadline: null, twoFactorRemindersSent: 0 },
    });
    return cleared.count === 1;
  }
  if (user.twoFactorEnabledAt) return false;
  if (user.twoFactorDeadline === null) return startDeadline(tx, user, { settings, now, restartedBy: null });

  const reminder = dueReminder(user, now);
  if (!reminder) return false;
  const claimed = await tx.user.updateMany({
    where: {
      id: user.id,
      twoFactorEnabledAt: null,
      twoFactorDeadline: user.twoFactorDeadline,
      twoFactorRemindersSent: { lt: reminder.stage },
    },
    data: { twoFactorRemindersSent: reminder.stage },
  });
  if (claimed.count !== 1) return false;
  await enqueueEmail(
    tx,
    user.email,
    twoFactorReminderEmail({ username: user.username, deadline: user.twoFactorDeadline, daysBefore: reminder.daysBefore }),
  );
  return true;
}

/**
 * An administrator (or the operator) turned off the second factor of a required account: the
 * requirement stays, with a fresh grace period from now, and the user is told. Called inside the
 * transaction that turned it off; an account no longer required only loses its old deadline.
 */
export async function restartGracePeriod(tx: Db, user: User, by: RequestContext, options: RequirementOptions = {}): Promise<void> {
  const { settings, now } = resolve(options);
  const current = { ...user, twoFactorEnabledAt: null };
  if (!isTwoFactorRequired(current, settings)) {
    await tx.user.update({ where: { id: user.id }, data: { twoFactorDeadline: null, twoFactorRemindersSent: 0 } });
    return;
  }
  await tx.user.update({ where: { id: user.id }, data: { twoFactorDeadline: null } });
  await startDeadline(tx, { ...current, twoFactorDeadline: null }, { settings, now, restartedBy: by });
}

async function startDeadline(
  tx: Db,
  user: User,
  options: { settings: RequirementSettings; now: Date; restartedBy: RequestContext | null },
): Promise<boolean> {
  const deadline = deadlineFrom(options.now, options.settings.graceDays);
  const started = await tx.user.updateMany({
    where: { id: user.id, twoFactorEnabledAt: null, twoFactorDeadline: null },
    data: { twoFactorDeadline: deadline, twoFactorRemindersSent: reminderStageReached(deadline, options.now) },
  });
  if (started.count !== 1) return false;
  // Set by the requirement itself, the row names the account as its actor, so that it reads as no
  // one's doing (the deadline is on the Two-factor page, in the reader's zone, not in the log).
  await recordAudit(tx, {
    action: "two_factor.deadline_set",
    actorId: options.restartedBy ? options.restartedBy.actorId : user.id,
    targetUserId: user.id,
    ip: options.restartedBy?.ip ?? null,
    details: options.restartedBy ? "after two-factor authentication was turned off" : undefined,
  });
  await enqueueEmail(
    tx,
    user.email,
    twoFactorRequiredEmail({ username: user.username, deadline, now: options.now, restarted: options.restartedBy !== null }),
  );
  return true;
}
