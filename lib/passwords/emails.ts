import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import type { SecurityEmailOptions } from "@/lib/mail/security-event";

/** After a reset (every session signed out) or a change in Preferences (every other session). */
export function passwordChangedEmail(
  options: SecurityEmailOptions & { via: "reset" | "settings" | "operator"; notMe: string },
): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Your ${appName} password was changed`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      {
        reset: `The password of your ${appName} account was reset with a link sent to this address.`,
        settings: `The password of your ${appName} account was changed in Preferences.`,
        operator: `The server's operator set a new password for your ${appName} account; ask them for it, or choose your own with "Forgot password?".`,
      }[options.via],
      options.via !== "settings"
        ? "Every session was signed out: sign in again with the new password on each of your devices."
        : "Every other session was signed out: sign in again with the new password on your other devices.",
    ],
    event: options.event,
    action: { label: "Sign in", url: appLink("/auth/sign-in") },
    notMe: options.notMe,
    closing:
      'If you did not do this, someone else may have your password or access to this email account: secure your email, then choose a new password with "Forgot password?" on the sign-in page, and contact the administrators.',
  });
}
