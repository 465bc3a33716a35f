import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { staffName, type SecurityEmailOptions } from "@/lib/mail/security-event";

export function backupCodeUsedEmail(options: SecurityEmailOptions & { remaining: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A backup code was used to sign in to ${appName}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone signed in to your ${appName} account with one of your backup codes. That code no longer works.`,
      `You have ${options.remaining} unused backup ${options.remaining === 1 ? "code" : "codes"} left.${
        options.remaining <= 3 ? " Generate a new set soon, so that you are not locked out if you lose your phone." : ""
      }`,
    ],
    event: options.event,
    action: { label: "Manage backup codes", url: appLink("/settings/two-factor") },
    closing: "If this was not you, change your password and generate new backup codes now.",
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
