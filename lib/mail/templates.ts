import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "./layout";
import { staffName, type SecurityEmailOptions, type SecurityEvent } from "./security-event";

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
      "If it was you, sign in instead. If you forgot your password, use \"Forgot password?\" on the sign-in page.",
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

export function backupCodeUsedEmail(options: SecurityEmailOptions & { remaining: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A backup code was used to sign in to ${appName}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone signed in to your ${appName} account with one of your backup codes. That code no longer works.`,
      `You have ${options.remaining} unused backup ${options.remaining === 1 ? "code" : "codes"} left.${
        options.remaining <= 3 ? " Generate a new set soon, so that you are not locked out if you lose your phone." : ""
      }`,
    ],
    event: options.event,
    action: { label: "Manage backup codes", url: appLink("/settings/two-factor") },
    closing: "If this was not you, change your password and generate new backup codes now.",
  });
}

export function backupCodesRegeneratedEmail(options: SecurityEmailOptions): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `New backup codes for your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      options.event.by !== "account"
        ? `${staffName(options.event)} generated a new set of backup codes for your ${appName} account.`
        : `A new set of backup codes was generated for your ${appName} account.`,
      "All of your earlier backup codes stopped working at that moment.",
    ],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, change your password now and contact the administrators.",
  });
}

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
