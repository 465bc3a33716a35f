import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { staffName, type SecurityEmailOptions } from "@/lib/mail/security-event";
import type { SecondFactorPlace } from "./failures";

export function twoFactorEnabledEmail(options: SecurityEmailOptions & { method: "authenticator app" | "security key" }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Two-factor authentication is on for your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      options.method === "security key"
        ? `Two-factor authentication with a security key was turned on for your ${appName} account. From now on, signing in asks for that key after your password.`
        : `Two-factor authentication with an authenticator app was turned on for your ${appName} account. From now on, signing in asks for a code from that app after your password.`,
      "Keep your backup codes somewhere safe: they get you in if you lose your phone.",
    ],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, someone may know your password: reset it now and contact the administrators.",
  });
}

export function twoFactorDisabledEmail(options: SecurityEmailOptions): EmailContent {
  const appName = config().appName;
  const byStaff = options.event.by !== "account";
  return layoutEmail({
    subject: `Two-factor authentication is off for your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      byStaff
        ? `${staffName(options.event)} turned off two-factor authentication for your ${appName} account and signed out every session. Signing in now needs only your password.`
        : `Two-factor authentication was turned off for your ${appName} account. Signing in now needs only your password.`,
      "We recommend turning it back on in your security settings.",
    ],
    event: options.event,
    action: { label: "Set up two-factor authentication", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, reset your password now and contact the administrators.",
  });
}

/** An authenticator app added beside a security key (as the first factor, "two-factor is on" says it). */
export function authenticatorAddedEmail(options: SecurityEmailOptions): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `An authenticator app was added to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `An authenticator app was set up for your ${appName} account. Its codes can now be used as the second step when you sign in.`,
    ],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, someone may know your password: reset it now and contact the administrators.",
  });
}

export function emailCodesChangedEmail(options: SecurityEmailOptions & { enabled: boolean }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: options.enabled
      ? `Sign-in codes by email are on for your ${appName} account`
      : `Sign-in codes by email are off for your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      options.enabled
        ? `When you sign in to ${appName}, you can now ask for a code by email instead of using your app or security key.`
        : `Codes by email can no longer be used as the second step when you sign in to ${appName}.`,
    ],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, reset your password now and contact the administrators.",
  });
}

/** The one email that carries a code: it is the second factor itself, asked for on the sign-in page. */
export function signInCodeEmail(options: SecurityEmailOptions & { code: string; minutes: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    // Not in the subject: subjects show on lock screens, and the outbox keeps them after delivery.
    subject: `Your ${appName} sign-in code`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone who knows your password is signing in to ${appName} and asked for a code by email. Your code is:`,
      options.code,
      `It works once, for that sign-in only, and expires in ${options.minutes} minutes. Never give it to anyone: ${appName} staff will never ask for it.`,
    ],
    event: options.event,
    closing: "If you are not signing in right now, someone knows your password: do not use the code, and change your password at once.",
  });
}

/** Sent at most once an hour per account, whatever the place (lib/two-factor/failures.ts). */
export function failedSecondFactorEmail(
  options: SecurityEmailOptions & { method: string; place: SecondFactorPlace; notMe: string },
): EmailContent {
  const appName = config().appName;
  const later =
    "If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.";
  if (options.place === "sign-in") {
    return layoutEmail({
      subject: `Failed sign-in attempt on your ${appName} account`,
      greeting: `Hello @${options.username},`,
      paragraphs: [
        `Someone entered your password correctly but then failed the second step (${options.method}). They were not let in.`,
        later,
      ],
      event: options.event,
      action: { label: "Review your security log", url: appLink("/settings/security-log") },
      notMe: options.notMe,
      closing: "If it was not you, someone knows your password: use the link above, or change your password now.",
    });
  }
  // Elsewhere the person is already signed in: the session, not only the password, may be someone else's.
  return layoutEmail({
    subject: `Wrong second factor entered on your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `In a session signed in to your account, a wrong code was entered (${options.method}, ${WHERE[options.place]}). Nothing was changed.`,
      later,
    ],
    event: options.event,
    action: { label: "Review your sessions", url: appLink("/settings/sessions") },
    notMe: options.notMe,
    closing: "If it was not you, use the link above: it signs out every session, and you choose a new password by email.",
  });
}

const WHERE: Record<Exclude<SecondFactorPlace, "sign-in">, string> = {
  sudo: "when asked to confirm it was you before a security change",
  "admin-action": "to confirm an administrator action",
  "disable-two-factor": "to turn off two-factor authentication",
  "backup-code-check": "to check a backup code without using it",
};
