import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { staffName, type SecurityEvent } from "@/lib/mail/security-event";

/** `sentBy`: the event of staff sending the link (lib/admin); absent when someone typed the address. */
export function passwordResetEmail(options: {
  username: string;
  token: string;
  lifetimeHours: number;
  sentBy?: SecurityEvent;
}): EmailContent {
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
