import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { staffName, type SecurityEmailOptions, type SecurityEvent } from "@/lib/mail/security-event";

/** `sentBy`: the event of staff sending the link (lib/admin); absent when someone typed the address. */
export function passwordResetEmail(options: { username: string; token: string; lifetimeHours: number; sentBy?: SecurityEvent }): EmailContent {
  const appName = config().appName;
  const lifetime = options.lifetimeHours === 1 ? "one hour" : `${options.lifetimeHours} hours`;
  const sentBy = options.sentBy;
  return layoutEmail({
    subject: `Reset your ${appName} password`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      sentBy
        ? `${staffName(sentBy)} sent you this link to choose a new password for your ${appName} account.`
        : `We received a request to reset the password of your ${appName} account. Open the link below to choose a new one.`,
      `The link works once and expires in ${lifetime}. Choosing a new password signs you out everywhere.`,
    ],
    event: sentBy,
    action: { label: "Choose a new password", url: appLink(`/auth/password/reset?token=${encodeURIComponent(options.token)}`) },
    closing: sentBy
      ? "If you did not expect this, contact the administrators. Your password stays as it is until you choose a new one, and the link expires on its own."
      : "If you did not ask for this, ignore this email: your password stays as it is, and the link expires on its own.",
  });
}

/** After a reset (every session signed out) or a change in Preferences (every other session). */
export function passwordChangedEmail(options: SecurityEmailOptions & { via: "reset" | "settings" | "operator" }): EmailContent {
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
    closing:
      "If you did not do this, someone else may have your password or access to this email account: secure your email, then choose a new password with \"Forgot password?\" on the sign-in page, and contact the administrators.",
  });
}
