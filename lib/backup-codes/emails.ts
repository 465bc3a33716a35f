import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { formatDateTime } from "@/lib/display/date-time";
import { staffName, type SecurityEmailOptions } from "@/lib/mail/security-event";
import type { CheckupReason } from "./checkup";

export function backupCodeUsedEmail(options: SecurityEmailOptions & { remaining: number; notMe: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A backup code was used to sign in to ${appName}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone signed in to your ${appName} account with one of your backup codes. That code no longer works.`,
      `You have ${options.remaining} unused backup ${options.remaining === 1 ? "code" : "codes"} left.${
        options.remaining <= 3 ? " Generate a new set soon, so that you are not locked out if you lose your phone." : ""
      }`,
      "On the Two-factor page you can check that the codes you saved still work, without using one up.",
    ],
    event: options.event,
    action: { label: "Check your backup codes", url: appLink(CHECKUP_PATH) },
    notMe: options.notMe,
    closing: "If this was not you, use the link above, then generate new backup codes once you are back in.",
  });
}

/** Where a check-up is done: the Two-factor page's "Check a code". */
const CHECKUP_PATH = "/settings/two-factor#check-backup-code";

/** A check-up reminder, once per condition (lib/backup-codes/checkup.ts). Not a security event: no When/From. */
export function backupCodesCheckupEmail(options: {
  username: string;
  reason: CheckupReason;
  remaining: number;
  confirmedSince: Date | null;
  checkupDays: number;
}): EmailContent {
  const appName = config().appName;
  const left = `${options.remaining} unused backup ${options.remaining === 1 ? "code" : "codes"}`;
  const closing = "We send this reminder once. You can turn these reminders off on the Two-factor page.";
  if (options.reason === "low") {
    return layoutEmail({
      subject: `Only ${left} left for your ${appName} account`,
      greeting: `Hello @${options.username},`,
      paragraphs: [
        `Your ${appName} account has ${left} left. When they run out, losing your phone or security key could lock you out.`,
        "Generate a new set and save it: your old codes stop working when you do.",
      ],
      action: { label: "Generate new backup codes", url: appLink("/settings/two-factor/backup-codes") },
      closing,
    });
  }
  return layoutEmail({
    subject: `Time to check your ${appName} backup codes`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `${
        options.confirmedSince ? `Your backup codes were last confirmed on ${formatDateTime(options.confirmedSince)}, over` : "Over"
      } ${options.checkupDays} days ago. Make sure you still have them: type one on the Two-factor page. Checking a code does not use it up.`,
      "If you cannot find your codes, generate a new set and save it.",
    ],
    action: { label: "Check a backup code", url: appLink(CHECKUP_PATH) },
    closing,
  });
}

export function backupCodesRegeneratedEmail(options: SecurityEmailOptions): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `New backup codes for your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      options.event.by !== "account"
        ? `${staffName(options.event)} generated a new set of backup codes for your ${appName} account.`
        : `A new set of backup codes was generated for your ${appName} account.`,
      "All of your earlier backup codes stopped working at that moment.",
    ],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, change your password now and contact the administrators.",
  });
}

/** To the user, after an administrator generated new backup codes: the link shows them once. */
export function backupCodesDeliveryEmail(options: SecurityEmailOptions & { token: string; lifetimeHours: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Your new ${appName} backup codes are ready`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `${staffName(options.event)} generated a new set of backup codes for your ${appName} account. Your old backup codes no longer work; your authenticator app still does.`,
      `Open the link while signed in to see the new codes once and save them. It works once and expires in ${options.lifetimeHours} hours.`,
    ],
    event: options.event,
    action: { label: "Get my backup codes", url: appLink(`/auth/backup-codes?token=${encodeURIComponent(options.token)}`) },
    closing: "If you did not ask the administrators for this, change your password and contact them.",
  });
}
