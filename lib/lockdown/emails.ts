import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import type { SecurityEmailOptions } from "@/lib/mail/security-event";

/** After "This wasn't me": what happened, and the reset link the next sign-in needs. */
export function accountLockedDownEmail(options: SecurityEmailOptions & { resetToken: string; lifetimeHours: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Your ${appName} account was locked down`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone used the "This wasn't me" link from one of our security emails. Every session of your ${appName} account was signed out, sign-ins in progress were stopped, and pending email-address changes were cancelled.`,
      "Your two-factor authentication settings are unchanged. Before anyone can sign in again, the password must be reset with the link below.",
      `The link works once and expires in ${options.lifetimeHours} ${options.lifetimeHours === 1 ? "hour" : "hours"}; after that, use "Forgot password?" on the sign-in page.`,
    ],
    event: options.event,
    action: { label: "Choose a new password", url: appLink(`/auth/password/reset?token=${encodeURIComponent(options.resetToken)}`) },
    closing: "If someone else has access to this email account, secure it first: whoever reads it can reset the password.",
  });
}
