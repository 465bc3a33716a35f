import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { type SecurityEmailOptions } from "@/lib/mail/security-event";

/** After a password-only sign-in from a browser the account had not used before (lib/sessions/new-browser.ts). */
export function newBrowserSignInEmail(options: SecurityEmailOptions & { notMe: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `New sign-in to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Your ${appName} account was signed in to from a browser it had not been used from before.`,
      "Your account does not use two-factor authentication, so your password alone was enough. If it was you, there is nothing to do.",
    ],
    event: options.event,
    action: { label: "Review your sessions", url: appLink("/settings/sessions") },
    notMe: options.notMe,
    closing:
      "If this was not you: use the link above to sign out everywhere, or change your password now, then turn on two-factor authentication in your security settings.",
  });
}
