import { Panel } from "@/components/panel";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { listSecurityKeys } from "@/lib/security-keys/manage";
import { KeyList } from "./key-list";

/** Preferences > Two-factor Authentication > Security keys: the list, and adding one in sudo mode. */
export async function KeysPanel({ userId, sudo, codesOwner }: { userId: string; sudo: boolean; codesOwner: CodesOwner }) {
  const keys = await listSecurityKeys(userId);
  return (
    <Panel title="Security keys">
      <p className="text-slate-700 dark:text-slate-300">
        A hardware key (or a passkey on this device) that you touch when you sign in. It cannot be phished: it only answers this site.
      </p>
      <KeyList
        sudo={sudo}
        codesOwner={codesOwner}
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        }))}
      />
    </Panel>
  );
}
