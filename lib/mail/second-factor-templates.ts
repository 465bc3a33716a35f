import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "./layout";
import type { SecurityEmailOptions } from "./security-event";

/** An authenticator app added beside a security key (as the first factor, "two-factor is on" says it). */
export function authenticatorAddedEmail(options: SecurityEmailOptions): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `An authenticator app was added to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [`An authenticator app was set up for your ${appName} account. Its codes can now be used as the second step when you sign in.`],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, someone may know your password: reset it now and contact the administrators.",
  });
}

export function securityKeyAddedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A security key was added to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [`A security key named “${options.keyName}” was added to your ${appName} account. It can now be used as the second step when you sign in.`],
    event: options.event,
    action: { label: "Review your security keys", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, someone may know your password: remove the key, reset your password and contact the administrators.",
  });
}

export function securityKeyRemovedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A security key was removed from your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [`The security key named “${options.keyName}” was removed from your ${appName} account. It no longer works for signing in.`],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, reset your password now and contact the administrators.",
  });
}

export function emailCodesChangedEmail(options: SecurityEmailOptions & { enabled: boolean }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: options.enabled ? `Sign-in codes by email are on for your ${appName} account` : `Sign-in codes by email are off for your ${appName} account`,
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
