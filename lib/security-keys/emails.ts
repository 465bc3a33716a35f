import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { type SecurityEmailOptions } from "@/lib/mail/security-event";

export function securityKeyAddedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A security key was added to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `A security key named “${options.keyName}” was added to your ${appName} account. It can now be used as the second step when you sign in.`,
    ],
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
    paragraphs: [
      `The security key named “${options.keyName}” was removed from your ${appName} account. It no longer works for signing in.`,
    ],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, reset your password now and contact the administrators.",
  });
}

/** A genuine signature whose counter did not grow: the key's secret may exist twice. */
export function clonedKeyEmail(options: SecurityEmailOptions & { keyName: string; passkey: boolean }): EmailContent {
  const appName = config().appName;
  const kind = options.passkey ? "passkey" : "security key";
  return layoutEmail({
    subject: `Your ${kind} may have been copied`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Your ${kind} “${options.keyName}” signed a sign-in to your ${appName} account with a signature counter that did not grow: it may have been copied (a cloned key). That sign-in was refused.`,
    ],
    event: options.event,
    action: { label: `Review your ${kind}s`, url: appLink("/settings/two-factor") },
    closing: `If you did not just use it, remove the ${kind} from your account, reset your password and contact the administrators.`,
  });
}

export function passkeyAddedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A passkey was added to your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `A passkey named “${options.keyName}” was added to your ${appName} account. It can now sign in to your account without your password.`,
    ],
    event: options.event,
    action: { label: "Review your passkeys", url: appLink("/settings/two-factor") },
    closing:
      "If you did not do this, someone may be in your account: remove the passkey, reset your password and contact the administrators.",
  });
}

export function passkeyRemovedEmail(options: SecurityEmailOptions & { keyName: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `A passkey was removed from your ${appName} account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [`The passkey named “${options.keyName}” was removed from your ${appName} account. It no longer signs in.`],
    event: options.event,
    action: { label: "Review your security settings", url: appLink("/settings/two-factor") },
    closing: "If you did not do this, reset your password now and contact the administrators.",
  });
}
