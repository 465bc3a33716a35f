import "server-only";
import { config } from "@/lib/config";
import { formatDateTime } from "@/lib/display/date-time";
import { layoutEmail, type EmailContent } from "@/lib/mail/layout";
import type { SecurityEmailOptions } from "@/lib/mail/security-event";

type RequestEmailOptions = SecurityEmailOptions & { cancelUrl: string };

const CANCEL_LABEL = "This wasn't me: cancel the recovery request";

/** To the account's address when a request starts: the link that finishes it after the wait, and the cancel link. */
export function recoveryRequestedEmail(options: RequestEmailOptions & { finishUrl: string; readyAt: Date }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Recovery request for your ${appName} account: two-factor authentication turns off after ${formatDateTime(options.readyAt)}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone who knows your password said they lost every second factor of your ${appName} account, and asked to turn two-factor authentication off.`,
      `Nothing changes before ${formatDateTime(options.readyAt)}. After that, signing in with the password and then opening the link below turns two-factor authentication off (authenticator app, security keys, passkeys, backup codes and email codes), and you set it up again. An administrator may approve the request earlier, or deny it.`,
      "Signing in with any of your second factors cancels the request, and so does the cancel link.",
    ],
    event: options.event,
    action: { label: "After the wait: sign in with your password, then open this link", url: options.finishUrl },
    secondaryAction: { label: CANCEL_LABEL, url: options.cancelUrl },
    closing: "If this was not you, cancel the request now and change your password: whoever asked knows it.",
  });
}

/** An administrator approved the request: it can be finished at once. */
export function recoveryApprovedEmail(options: RequestEmailOptions): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `The recovery request for your ${appName} account was approved`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `An administrator approved the request to turn off two-factor authentication for your ${appName} account, without waiting.`,
      "Sign in with your password, then open the link from the first email about this request.",
    ],
    event: options.event,
    secondaryAction: { label: CANCEL_LABEL, url: options.cancelUrl },
    closing: "If you did not ask for this, cancel the request now and change your password.",
  });
}

/** The request closed without turning anything off. `how`: why, in a sentence. */
export function recoveryClosedEmail(options: SecurityEmailOptions & { how: "cancelled" | "signed-in" | "denied" }): EmailContent {
  const appName = config().appName;
  const why = {
    cancelled: "It was cancelled with the link from one of our emails.",
    "signed-in": "Someone signed in with one of the account's second factors, which cancels it.",
    denied: "An administrator denied it.",
  }[options.how];
  return layoutEmail({
    subject: `The recovery request for your ${appName} account was ${options.how === "denied" ? "denied" : "cancelled"}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `The request to turn off two-factor authentication for your ${appName} account is closed. ${why}`,
      "Two-factor authentication stays on; its links no longer work.",
    ],
    event: options.event,
    closing:
      options.how === "signed-in"
        ? "If that sign-in was not you, change your password and review your security log."
        : "If you still need to recover your account, you can start a new request, or contact the administrators.",
  });
}
