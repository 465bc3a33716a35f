import { parseArgs } from "node:util";
import { changeAccountEmail, changeAccountRole, confirmAccount } from "@/lib/admin/account-changes";
import { AdminActionError } from "@/lib/admin/actor";
import type { RequestContext } from "@/lib/request/context";
import { resetPasswordAsOperator } from "@/lib/admin/reset-password";
import { sendPasswordResetForUser } from "@/lib/admin/send-password-reset";
import { disableTwoFactorForUser, regenerateBackupCodesForUser } from "@/lib/admin/two-factor";
import { setTwoFactorRequiredForAccount } from "@/lib/admin/two-factor-requirement";
import { db } from "@/lib/db/client";
import { ROLES, roleNamed, UsageError } from "./usage";

const OPERATOR: RequestContext = { actorId: null, ip: null };

/**
 * `accounts modify USERNAME …`, like `tootctl accounts modify`: each flag calls the same lib/admin
 * function as the administration pages, as the operator (audited with no actor). Prints one line per
 * change.
 */
export async function modifyAccount(args: string[], say: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      confirm: { type: "boolean", default: false },
      role: { type: "string" },
      "disable-2fa": { type: "boolean", default: false },
      "reset-password": { type: "boolean", default: false },
      "send-reset": { type: "boolean", default: false },
      "regenerate-backup-codes": { type: "boolean", default: false },
      "require-2fa": { type: "string" },
    },
  });
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new UsageError("give exactly one USERNAME");
  const requireTwoFactor = values["require-2fa"];
  if (requireTwoFactor !== undefined && requireTwoFactor !== "on" && requireTwoFactor !== "off") {
    throw new UsageError("--require-2fa must be on or off");
  }
  const role = values.role === undefined ? undefined : roleNamed(values.role);
  if (values.role !== undefined && !role) throw new UsageError(`--role must be one of: ${Object.keys(ROLES).join(", ")}`);
  if (values["disable-2fa"] && values["regenerate-backup-codes"]) {
    throw new UsageError("--disable-2fa and --regenerate-backup-codes cannot be combined: disabling deletes the codes");
  }
  if (values["reset-password"] && values["send-reset"]) {
    throw new UsageError("--reset-password and --send-reset cannot be combined: either you set the new password or the user chooses it");
  }
  const changes = [
    values.email,
    values.confirm || undefined,
    role,
    values["disable-2fa"] || undefined,
    values["reset-password"] || undefined,
    values["send-reset"] || undefined,
    values["regenerate-backup-codes"] || undefined,
    requireTwoFactor,
  ];
  if (changes.every((change) => change === undefined)) throw new UsageError("nothing to change: give at least one option");

  const user = await db().user.findUnique({ where: { username: username.toLowerCase() } });
  if (!user) throw new AdminActionError(`no account with the username @${username}`);

  if (values.email !== undefined) {
    await changeAccountEmail(user.id, values.email, OPERATOR);
    say(`OK: email of @${user.username} changed (the old address was told)`);
  }
  if (values.confirm) {
    await confirmAccount(user.id, OPERATOR);
    say(`OK: @${user.username} is confirmed (a link to choose a password was mailed)`);
  }
  if (role) {
    await changeAccountRole(user.id, role, OPERATOR);
    say(`OK: @${user.username} is now ${values.role}`);
  }
  if (requireTwoFactor !== undefined) {
    await setTwoFactorRequiredForAccount(user.id, requireTwoFactor === "on", OPERATOR);
    say(
      requireTwoFactor === "on"
        ? `OK: two-factor authentication is required for @${user.username}`
        : `OK: @${user.username} no longer requires two-factor authentication by itself (the server's policy still applies)`,
    );
  }
  if (values["disable-2fa"]) {
    await disableTwoFactorForUser(user.id, OPERATOR);
    say(`OK: two-factor authentication of @${user.username} is off; their sessions ended; they were emailed`);
  }
  if (values["reset-password"]) {
    const password = await resetPasswordAsOperator(user.id, OPERATOR);
    say(`OK: new password for @${user.username}; their sessions ended; they were emailed`);
    say(`New password: ${password}`);
  }
  if (values["send-reset"]) {
    await sendPasswordResetForUser(user.id, OPERATOR);
    say(`OK: a password reset link was sent to @${user.username}, valid for one hour`);
  }
  if (values["regenerate-backup-codes"]) {
    await regenerateBackupCodesForUser(user.id, OPERATOR);
    say(`OK: new backup codes for @${user.username}; they were emailed a link to see them`);
  }
}
