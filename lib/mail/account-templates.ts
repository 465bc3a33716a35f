import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "./layout";

/** To the old address, after an administrator or the operator changed it. */
export function emailChangedEmail(options: { username: string; newEmail: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `The email address of your ${appName} account was changed`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `The email address of your ${appName} account was changed to ${options.newEmail}. Messages about your account now go there, not here.`,
    ],
    closing: "If you did not ask for this, contact the administrators at once: they can change it back.",
  });
}

/** To the user, after an administrator generated new backup codes: the link shows them once. */
export function backupCodesDeliveryEmail(options: { username: string; token: string; lifetimeHours: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Your new ${appName} backup codes are ready`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `An administrator generated a new set of backup codes for your ${appName} account. Your old backup codes no longer work; your authenticator app still does.`,
      `Open the link while signed in to see the new codes once and save them. It works once and expires in ${options.lifetimeHours} hours.`,
    ],
    action: { label: "Get my backup codes", url: appLink(`/auth/backup-codes?token=${encodeURIComponent(options.token)}`) },
    closing: "If you did not ask the administrators for this, change your password and contact them.",
  });
}
