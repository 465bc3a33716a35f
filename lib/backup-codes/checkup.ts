import "server-only";
import { recordAudit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db, type Db, type Prisma, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { LOW_CODES_WARNING, remainingBackupCodes } from "./codes";
import { backupCodesCheckupEmail } from "./emails";

/**
 * Why a set of backup codes is due for a check-up: it was last confirmed too long ago (the operator's
 * BACKUP_CODES_CHECKUP_DAYS, 180 by default), or three or fewer codes are left.
 */
export type CheckupReason = "stale" | "low";

type CodesState = Pick<User, "twoFactorEnabledAt" | "backupCodesConfirmedAt" | "backupCodesUnsavedSince">;

/** What the user row records when the user shows they hold their codes; the "too long ago" check-up starts again. */
export function confirmedNow(now = new Date()) {
  return { backupCodesConfirmedAt: now, checkupStaleEmailedAt: null };
}

/**
 * After a successful check of a backup code (verifySecondFactor, place "backup-code-check"), in its
 * transaction: the code stays unused; the set counts as confirmed (and saved) now, and the check is audited.
 */
export async function recordBackupCodeCheck(tx: Db, userId: string, client: RequestContext): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { ...confirmedNow(), backupCodesUnsavedSince: null } });
  await recordAudit(tx, { action: "backup_codes.checked", actorId: userId, targetUserId: userId, ip: client.ip ?? null });
}

/** Since when the set counts as confirmed: its last confirmation or, for a set never confirmed, when it was made. */
export function confirmedSince(user: CodesState): Date | null {
  return user.backupCodesConfirmedAt ?? user.backupCodesUnsavedSince;
}

/** The check-ups due for a set with `remaining` unused codes, at `now`. */
export function checkupReasons(
  user: CodesState,
  remaining: number,
  now = new Date(),
  maxAgeSeconds = config().backupCodesCheckupSeconds,
): CheckupReason[] {
  if (!user.twoFactorEnabledAt) return [];
  const since = confirmedSince(user);
  const reasons: CheckupReason[] = [];
  if (since && now.getTime() - since.getTime() > maxAgeSeconds * 1000) reasons.push("stale");
  if (remaining <= LOW_CODES_WARNING) reasons.push("low");
  return reasons;
}

/** What the Two-factor and Account pages show about the user's codes. */
export async function backupCodesCheckup(user: User, now = new Date()) {
  const remaining = user.twoFactorEnabledAt ? await remainingBackupCodes(user.id) : 0;
  return { remaining, reasons: checkupReasons(user, remaining, now), confirmedSince: confirmedSince(user) };
}

/** The rows whose codes were last confirmed before `cutoff` (checkupReasons' "stale", as a query). */
function staleBefore(cutoff: Date): Prisma.UserWhereInput {
  return { OR: [{ backupCodesConfirmedAt: { lt: cutoff } }, { backupCodesConfirmedAt: null, backupCodesUnsavedSince: { lt: cutoff } }] };
}

function staleCutoff(now: Date): Date {
  return new Date(now.getTime() - config().backupCodesCheckupSeconds * 1000);
}

/**
 * Queues the check-up email for one reason, in the caller's transaction, unless it was sent for this
 * condition already or the user turned these emails off. The claim is a conditional update on the
 * user row, so of any number of processes trying at once, one sends it. The claim is cleared when the
 * condition ends (a confirmation for "stale", a new set for "low"), so the next time it arises is
 * emailed again. True when an email was queued.
 */
export async function claimCheckupEmail(tx: Db, userId: string, reason: CheckupReason, now = new Date()): Promise<boolean> {
  const base = { id: userId, twoFactorEnabledAt: { not: null }, backupCheckupEmails: true };
  const claimed =
    reason === "stale"
      ? await tx.user.updateMany({
          where: { ...base, checkupStaleEmailedAt: null, ...staleBefore(staleCutoff(now)) },
          data: { checkupStaleEmailedAt: now },
        })
      : await tx.user.updateMany({ where: { ...base, checkupLowEmailedAt: null }, data: { checkupLowEmailedAt: now } });
  if (claimed.count !== 1) return false;
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  const remaining = await remainingBackupCodes(userId, tx);
  await enqueueEmail(
    tx,
    user.email,
    backupCodesCheckupEmail({
      username: user.username,
      reason,
      remaining,
      confirmedSince: confirmedSince(user),
      checkupDays: Math.round(config().backupCodesCheckupSeconds / 86400),
    }),
  );
  return true;
}

/**
 * Emails every account whose codes have become due for the "too long ago" check-up since the last
 * round (time passing is the only thing that makes them due). Every process runs it now and then;
 * the claim makes each email go out once. Returns how many were queued.
 */
export async function sendDueCheckupEmails(now = new Date(), batchSize = 100): Promise<number> {
  const due = await db().user.findMany({
    where: { twoFactorEnabledAt: { not: null }, backupCheckupEmails: true, checkupStaleEmailedAt: null, ...staleBefore(staleCutoff(now)) },
    select: { id: true },
    take: batchSize,
  });
  let queued = 0;
  for (const { id } of due) if (await db().$transaction((tx) => claimCheckupEmail(tx, id, "stale", now))) queued++;
  if (queued > 0) notifyOutbox();
  return queued;
}

/** The user's choice of check-up emails (the notices on the pages stay). */
export async function setCheckupEmails(userId: string, enabled: boolean): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { backupCheckupEmails: enabled } });
}

const SWEEP_MILLISECONDS = 10 * 60 * 1000;

/** Runs in every app process, beside the mail worker: a round at start, then every ten minutes. */
export function startCheckupSweeper(): () => void {
  const round = () =>
    void sendDueCheckupEmails().catch((error: Error) => console.error("backup-code check-ups: round failed:", error.message));
  const timer = setInterval(round, SWEEP_MILLISECONDS);
  timer.unref();
  round();
  return () => clearInterval(timer);
}
