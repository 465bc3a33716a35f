import { Panel } from "@/components/panel";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { listSecurityKeys } from "@/lib/security-keys/manage";
import { KeyList } from "../security-keys/key-list";

/**
 * Preferences > Two-factor Authentication > Passkeys: the same list and forms as security keys, for
 * credentials that sign in alone (lib/passkeys).
 */
export async function PasskeysPanel({
  userId,
  sudo,
  codesOwner,
  allowed,
}: {
  userId: string;
  sudo: boolean;
  codesOwner: CodesOwner;
  /** PASSKEYS=allowed. Otherwise the panel shows only passkeys added before, so that none stays unseen. */
  allowed: boolean;
}) {
  const passkeys = await listSecurityKeys(userId, { passkeys: true });
  if (!allowed && passkeys.length === 0) return null;
  return (
    <Panel title="Passkeys">
      {allowed ? (
        <p className="text-slate-700 dark:text-slate-300">
          Sign in without your password: your phone, computer or password manager keeps a passkey for this site and unlocks it with your
          fingerprint, face or PIN. It only answers this site, so it cannot be phished. When two-factor authentication is on, a passkey also
          works as a security key.
        </p>
      ) : (
        <p className="text-slate-700 dark:text-slate-300">
          This server no longer takes new passkeys, and they no longer sign you in without a password. When two-factor authentication is on,
          the passkeys below still work as security keys; remove any you do not use.
        </p>
      )}
      <KeyList
        kind="passkey"
        canAdd={allowed}
        sudo={sudo}
        codesOwner={codesOwner}
        keys={passkeys.map((key) => ({
          id: key.id,
          name: key.name,
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
          sync: key.backedUp ? "synced" : key.multiDevice ? "can-sync" : "device-bound",
        }))}
      />
    </Panel>
  );
}
