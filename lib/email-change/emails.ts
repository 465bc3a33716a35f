import "server-only";
import { config } from "@/lib/config";
import { appLink, layoutEmail, type EmailContent } from "@/lib/mail/layout";
import { staffName, type SecurityEmailOptions } from "@/lib/mail/security-event";

/** To the old address, after the owner, an administrator or the operator changed it. */
export function emailChangedEmail(options: SecurityEmailOptions & { newEmail: string }): EmailContent {
  const appName = config().appName;
  const byStaff = options.event.by !== "account";
  return layoutEmail({
    subject: `The email address of your ${appName} account was changed`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `${byStaff ? `${staffName(options.event)} changed the email address of your ${appName} account` : `The email address of your ${appName} account was changed`} to ${options.newEmail}. Messages about your account now go there, not here.`,
    ],
    event: options.event,
    closing: byStaff
      ? "If you did not ask for this, contact the administrators at once: they can change it back."
      : "If you did not do this, someone else is using your account: contact the administrators at once, they can change it back.",
  });
}

/** To the new address the user asked for: the link makes it the account's address. */
export function emailChangeConfirmationEmail(options: SecurityEmailOptions & { token: string; lifetimeHours: number }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Confirm your new email address for ${appName}`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `You asked to use this address for your ${appName} account. Open the link below while signed in to make the change; until then, your account keeps its current address.`,
      `The link works once and expires in ${options.lifetimeHours} hours.`,
    ],
    event: options.event,
    action: { label: "Use this email address", url: appLink(`/auth/email-change?token=${encodeURIComponent(options.token)}`) },
    closing: "If you did not ask for this, ignore this email: nothing changes unless the link is opened by the account's owner.",
  });
}

/**
 * To an address that already has an account, when someone asks to move another account to it. The
 * requester is told the same as for a free address; the address's owner learns that it happened.
 */
export function emailChangeAddressTakenEmail(options: { username: string }): EmailContent {
  const appName = config().appName;
  return layoutEmail({
    subject: `Someone tried to use your ${appName} address for another account`,
    greeting: `Hello @${options.username},`,
    paragraphs: [
      `Someone signed in to another ${appName} account asked to change its email address to this one. This address belongs to your account, so nothing changed and no link was sent.`,
    ],
    closing: "You need not do anything: your account is unchanged.",
  });
}
