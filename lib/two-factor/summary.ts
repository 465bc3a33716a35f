import "server-only";
import { remainingBackupCodes } from "@/lib/backup-codes/codes";
import type { User } from "@/lib/db/client";
import { countSecurityKeys } from "@/lib/security-keys/manage";

export type TwoFactorSummary = {
  enabled: boolean;
  /** The second factors sign-in accepts, as the user reads them ("Authenticator app", "2 security keys"). */
  methods: string[];
  backupCodesRemaining: number;
  /** The newest set of backup codes was never confirmed saved. */
  backupCodesUnsaved: boolean;
};

/** What the Account page says about two-factor authentication. */
export async function twoFactorSummary(
  user: Pick<User, "id" | "twoFactorEnabledAt" | "totpEnabledAt" | "emailCodesEnabled" | "backupCodesUnsavedSince">,
  emailCodesAllowed: boolean,
): Promise<TwoFactorSummary> {
  const enabled = user.twoFactorEnabledAt !== null;
  if (!enabled) return { enabled, methods: [], backupCodesRemaining: 0, backupCodesUnsaved: false };
  const keys = await countSecurityKeys(user.id);
  const methods = [
    ...(user.totpEnabledAt ? ["Authenticator app"] : []),
    ...(keys > 0 ? [keys === 1 ? "1 security key" : `${keys} security keys`] : []),
    ...(user.emailCodesEnabled && emailCodesAllowed ? ["Codes by email"] : []),
  ];
  return {
    enabled,
    methods,
    backupCodesRemaining: await remainingBackupCodes(user.id),
    backupCodesUnsaved: user.backupCodesUnsavedSince !== null,
  };
}
