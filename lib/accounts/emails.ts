import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import {} from "@/lib/mail/security-event";

export function confirmationEmail(options: { username: string; token: string; lifetimeHours: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Confirm your email address for ${appName}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Welcome to ${appName}. Confirm that this address is yours to finish creating your account.`,
      `The link works once and expires in ${options.lifetimeHours} hours.`,
    ],
    action: { label: "Confirm email address", url: appLink(`/auth/confirmation?token=${encodeURIComponent(options.token)}`) },
    closing: "If you did not sign up, ignore this email: no account will be activated, and whoever signed up cannot use this address.",
  });
}

/** Sent instead of a second account when someone signs up with an address that already has one. */
export function accountExistsEmail(options: { username: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Sign-up attempt with your ${appName} address`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone tried to create a new ${appName} account with this email address. This address already belongs to your account, so nothing was created.`,
      'If it was you, sign in instead. If you forgot your password, use "Forgot password?" on the sign-in page.',
    ],
    action: { label: "Sign in", url: appLink("/auth/sign-in") },
    closing: "If it was not you, you need not do anything: your account is unchanged.",
  });
}

/** Sent when a new link is asked for an address whose sign-up lapsed unconfirmed (it was removed). */
export function signUpLapsedEmail(): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Your ${appName} sign-up has expired`,
    greeting: "Hello,",
    paragraphs: [
      `Someone asked for a new confirmation link for this address. The sign-up it belonged to was not confirmed within a day, so it has expired and was removed.`,
      "To create your account, sign up again: it takes a minute.",
    ],
    action: { label: "Sign up", url: appLink("/auth/sign-up") },
    closing: "If you did not ask for this, ignore this email: there is no account with this address.",
  });
}
