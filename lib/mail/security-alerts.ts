import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "./layout";
import type { SecondFactorPlace } from "@/lib/two-factor/failures";
import type { SecurityEmailOptions } from "./security-event";

/** Sent at most once an hour per account, whatever the place (lib/two-factor/failures.ts). */
export function failedSecondFactorEmail(options: SecurityEmailOptions & { method: string; place: SecondFactorPlace }): EmailContent {
  const appName = config().appName;
  const later = "If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.";
  if (options.place === "sign-in") {
    return layoutEmail({
      subject: `Failed sign-in attempt on your ${appName} account`,
      greeting: `Hello @${options.username},`,
      paragraphs: [`Someone entered your password correctly but then failed the second step (${options.method}). They were not let in.`, later],
      event: options.event,
      action: { label: "Review your security log", url: appLink("/settings/security-log") },
      closing: "If it was not you, someone knows your password: change it now.",
    });
  }
  // Elsewhere the person is already signed in: the session, not only the password, may be someone else's.
  return layoutEmail({
    subject: `Wrong second factor entered on your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [`In a session signed in to your account, a wrong code was entered (${options.method}, ${WHERE[options.place]}). Nothing was changed.`, later],
    event: options.event,
    action: { label: "Review your sessions", url: appLink("/settings/sessions") },
    closing: "If it was not you, sign out the sessions you do not know and change your password now.",
  });
}

const WHERE: Record<Exclude<SecondFactorPlace, "sign-in">, string> = {
  sudo: "when asked to confirm it was you before a security change",
  "admin-action": "to confirm an administrator action",
  "disable-two-factor": "to turn off two-factor authentication",
};

/** After a password-only sign-in from a browser the account had not used before (lib/sessions/new-browser.ts). */
export function newBrowserSignInEmail(options: SecurityEmailOptions): EmailContent {
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
    closing: "If this was not you: change your password now, then turn on two-factor authentication in your security settings.",
  });
}
