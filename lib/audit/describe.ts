import type { AuditAction } from "./index";

const LABELS: Record<AuditAction, string> = {
  "account.created": "Account created",
  "account.email_confirmed": "Email address confirmed",
  "account.email_changed": "Email address changed",
  "account.email_change_requested": "Email address change requested",
  "account.role_changed": "Role changed",
  "session.signed_in": "Signed in",
  "session.signed_out": "Signed out",
  "session.revoked": "Signed out remotely",
  "sudo.entered": "Identity confirmed for a security change",
  "second_factor.failed": "Failed second step",
  "two_factor.enabled": "Two-factor authentication turned on",
  "two_factor.disabled": "Two-factor authentication turned off",
  "backup_codes.regenerated": "New backup codes generated",
  "backup_code.used": "Signed in with a backup code",
  "password.reset_requested": "Password reset requested",
  "password.reset": "Password reset by email link",
  "password.changed": "Password changed",
  "authenticator.added": "Authenticator app added",
  "security_key.added": "Security key added",
  "security_key.renamed": "Security key renamed",
  "security_key.removed": "Security key removed",
  "passkey.added": "Passkey added",
  "passkey.renamed": "Passkey renamed",
  "passkey.removed": "Passkey removed",
  "email_codes.enabled": "Sign-in codes by email turned on",
  "email_codes.disabled": "Sign-in codes by email turned off",
  "email_code.sent": "Sign-in code sent by email",
  "backup_codes.checked": "Backup code checked (still unused)",
  "account.locked_down": "Account locked down (\u201cThis wasn't me\u201d)",
  "recovery.requested": "Recovery request started (every second factor lost)",
  "recovery.cancelled": "Recovery request cancelled",
  "recovery.approved": "Recovery request approved",
  "recovery.denied": "Recovery request denied",
  "recovery.completed": "Recovery request finished: two-factor authentication turned off",
  "two_factor.deadline_set": "Deadline set to turn on two-factor authentication",
  "two_factor.required_for_account": "Two-factor authentication required for this account",
  "two_factor.no_longer_required_for_account": "Two-factor authentication no longer required for this account by itself",
};

/**
 * The details of a row whose action anyone could start (a reset link asked for by typing the address):
 * no actor is recorded, and it must not read as the operator's doing.
 */
export const BY_ANYONE = "asked for on the sign-in page";

/** The sign-in method ("session.signed_in" details) of a passwordless sign-in with a passkey. */
export const PASSKEY_SIGN_IN = "passkey";

/** How an audit row reads in a person's security log. */
export function describeAuditEvent(event: {
  action: string;
  details: string | null;
  actorId: string | null;
  targetUserId: string | null;
}): string {
  // A passkey is the whole sign-in, not one of its steps.
  if (event.action === "session.signed_in" && event.details === PASSKEY_SIGN_IN) return "Signed in with a passkey";
  const label = LABELS[event.action as AuditAction] ?? event.action;
  const details = event.details ? ` (${event.details})` : "";
  const byOther =
    event.actorId === event.targetUserId || event.details === BY_ANYONE ? "" : event.actorId ? " by an administrator" : " by the operator";
  return `${label}${details}${byOther}`;
}
