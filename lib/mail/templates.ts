import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "./layout";

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
    closing: "If you did not create this account, ignore this email: no account will be activated.",
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
