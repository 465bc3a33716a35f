export const USAGE = `Usage:
  npm run accounts -- create USERNAME --email EMAIL [--confirmed] [--role user|admin|owner] [--password-stdin]
  npm run accounts -- modify USERNAME [--email EMAIL] [--confirm] [--role user|admin|owner]
                                      [--disable-2fa] [--reset-password | --send-reset] [--regenerate-backup-codes]
                                      [--require-2fa on|off]
  npm run accounts -- list --without-2fa
  npm run accounts -- recovery list | approve USERNAME | deny USERNAME

  create   Creates an account. Without --password-stdin a password is generated and printed once.
           Without --confirmed the user is emailed a confirmation link.
  modify   Changes an account, as the operator: every change is in the audit log and the user is
           emailed where the change concerns them. --reset-password prints a new random password
           and ends the user's sessions; --send-reset mails the user a link to choose one
           themselves (valid for one hour); --regenerate-backup-codes mails the user a link to them;
           --require-2fa on requires two-factor authentication of the account whatever the policy.
  list     --without-2fa: the accounts two-factor authentication is required of that have none,
           with their deadlines (UTC).
  recovery list: the open self-service recovery requests (who, when, from where, until when);
           approve lets the user finish at once (with the emailed link and the password); deny
           closes the request. Both are audited and the user is emailed.`;

export const ROLES = { user: "USER", admin: "ADMIN", owner: "OWNER" } as const;

/** The role a --role value names, or undefined: own keys only, so "constructor" or "__proto__" name none. */
export function roleNamed(name: string): (typeof ROLES)[keyof typeof ROLES] | undefined {
  return Object.hasOwn(ROLES, name) ? ROLES[name as keyof typeof ROLES] : undefined;
}

export class UsageError extends Error {}
