import "server-only";
import { config } from "@/lib/config";
import { formatDateTime } from "@/lib/display/date-time";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";

// A function: the configuration is read when an email is written, never when this module loads.
const setup = () => ({ label: "Set up two-factor authentication", url: appLink("/settings/two-factor") });
const CLOSING = "If you have questions about this requirement, contact the administrators.";

/**
 * The requirement starts: the deadline, in UTC as in every email. `restarted` when an administrator
 * turned off the account's second factor (a lost phone): the requirement stays, with a new deadline.
 */
export function twoFactorRequiredEmail(options: { username: string; deadline: Date; now: Date; restarted: boolean }): EmailContent {
  const appName = config().appName;
  const immediate = options.deadline.getTime() <= options.now.getTime();
  const when = immediate ? "before you can use your account again" : `by ${formatDateTime(options.deadline)}`;
  return layoutEmail({
    subject: immediate
      ? `Set up two-factor authentication for your ${appName} account`
      : `Set up two-factor authentication for your ${appName} account by ${formatDateTime(options.deadline)}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      options.restarted
        ? `An administrator turned off two-factor authentication for your ${appName} account. Your account still requires it: set up an authenticator app or a security key again ${when}.`
        : `Your ${appName} account now requires two-factor authentication: a code from an authenticator app or a security key after your password. Please set it up ${when}.`,
      immediate
        ? "Signing in now leads to setting it up, and nowhere else until it is done."
        : "After that, signing in leads to setting it up, and nowhere else until it is done. It takes a few minutes.",
    ],
    action: setup(),
    closing: CLOSING,
  });
}

/** Three days, then one day, before the deadline. */
export function twoFactorReminderEmail(options: { username: string; deadline: Date; daysBefore: number }): EmailContent {
  const appName = config().appName;
  const left = options.daysBefore === 1 ? "1 day" : `${options.daysBefore} days`;
  return layoutEmail({
    subject: `${left} left to set up two-factor authentication for your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Your ${appName} account requires two-factor authentication by ${formatDateTime(options.deadline)}, ${left} from now.`,
      "After that, signing in leads to setting it up, and nowhere else until it is done.",
    ],
    action: setup(),
    closing: CLOSING,
  });
}
