import "server-only";
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { PendingSignIn } from "@/lib/auth/pending-sign-in";
import { config } from "@/lib/config";
import { db, type Db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { signInCodeEmail } from "./emails";
import { accountEvent } from "@/lib/mail/security-event";
import { consumeRateLimits } from "@/lib/rate-limit";

/** An emailed code is a weaker factor than an app or a key, so it is short-lived. */
export const EMAIL_CODE_MINUTES = 10;

export const emailCodeField = z
  .string({ error: "Enter the 6-digit code from the email." })
  .transform((code) => code.replace(/\s/g, ""))
  .pipe(
    z
      .string()
      .min(1, "Enter the 6-digit code from the email.")
      .regex(/^\d{6}$/, "The code in the email has 6 digits."),
  );

/** Whether this account may be sent a code by email at sign-in: its own opt-in, and the operator's. */
export function emailCodesAvailable(user: Pick<User, "emailCodesEnabled" | "twoFactorEnabledAt">): boolean {
  return config().allowEmailCodes && user.emailCodesEnabled && user.twoFactorEnabledAt !== null;
}

export type SendEmailCodeResult =
  { status: "sent" | "unavailable" | "ended" } | { status: "just-sent" | "too-many"; retryAfterSeconds: number };

/**
 * Emails a fresh code for this pending sign-in, replacing any earlier one. Only its HMAC is kept (under
 * a key derived from ENCRYPTION_KEY, so a copy of the database cannot test the million candidates),
 * bound to the pending sign-in. Resending is limited per sign-in and per account.
 */
export async function sendEmailCode(pending: PendingSignIn): Promise<SendEmailCodeResult> {
  if (!emailCodesAvailable(pending.user)) return { status: "unavailable" };
  // A second click within the minute is not counted against the account's hourly allowance.
  const recent = await consumeRateLimits([{ key: `email-code:pending:${pending.id}`, limit: 1, windowSeconds: 60 }]);
  if (!recent.allowed) return { status: "just-sent", retryAfterSeconds: recent.retryAfterSeconds };
  const hourly = await consumeRateLimits([{ key: `email-code:account:${pending.user.id}`, limit: 5, windowSeconds: 3600 }]);
  if (!hourly.allowed) return { status: "too-many", retryAfterSeconds: hourly.retryAfterSeconds };

  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const stored = await db().$transaction(async (tx) => {
    // Conditional: the pending sign-in may have ended meanwhile (finished in another tab, or voided).
    const updated = await tx.pendingSignIn.updateMany({
      where: { id: pending.id, expiresAt: { gt: new Date() } },
      data: { emailCodeDigest: digestEmailCode(pending.id, code), emailCodeExpiresAt: new Date(Date.now() + EMAIL_CODE_MINUTES * 60_000) },
    });
    if (updated.count !== 1) return false;
    await recordAudit(tx, { action: "email_code.sent", actorId: pending.user.id, targetUserId: pending.user.id, ip: pending.ip });
    await enqueueEmail(
      tx,
      pending.user.email,
      signInCodeEmail({ username: pending.user.username, code, minutes: EMAIL_CODE_MINUTES, event: accountEvent(pending) }),
    );
    return true;
  });
  if (!stored) return { status: "ended" };
  notifyOutbox();
  return { status: "sent" };
}

/** What the second step can tell the user before a code is checked (checking it counts as an attempt). */
export async function emailCodeState(pendingId: string): Promise<"none" | "live" | "expired"> {
  const pending = await db().pendingSignIn.findUnique({ where: { id: pendingId }, select: { emailCodeExpiresAt: true } });
  if (!pending?.emailCodeExpiresAt) return "none";
  return pending.emailCodeExpiresAt > new Date() ? "live" : "expired";
}

/** Uses the code up: the conditional update is the check, so a code works once even when raced. */
export async function acceptEmailCode(pending: PendingSignIn, code: string, tx: Db = db()): Promise<boolean> {
  if (!emailCodesAvailable(pending.user)) return false;
  const used = await tx.pendingSignIn.updateMany({
    where: { id: pending.id, emailCodeDigest: digestEmailCode(pending.id, code), emailCodeExpiresAt: { gt: new Date() } },
    data: { emailCodeDigest: null, emailCodeExpiresAt: null },
  });
  return used.count === 1;
}

let digestKey: Buffer | undefined;

function digestEmailCode(pendingId: string, code: string): string {
  digestKey ??= Buffer.from(hkdfSync("sha256", config().encryptionKey, Buffer.alloc(0), "email-code-digest", 32));
  return createHmac("sha256", digestKey).update(`${pendingId}:${code}`).digest("hex");
}
