import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { type SecurityEmailOptions } from "@/lib/mail/security-event";

export function passkeyAddedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A passkey was added to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `A passkey named “${options.keyName}” was added to your ${appName} account. It can now sign in to your account without your password.`,
    ],
    event: options.event,
    action: { label: "Review your passkeys", url: appLink("/settings/two-factor") },
    closing:
      "If you did not do this, someone may be in your account: remove the passkey, reset your password and contact the administrators.",
  });
}

export function passkeyRemovedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A passkey was removed from your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [`The passkey named “${options.keyName}” was removed from your ${appName} account. It no longer signs in.`],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, reset your password now and contact the administrators.",
  });
}
