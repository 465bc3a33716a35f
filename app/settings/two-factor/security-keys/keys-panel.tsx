import { Panel } from "@/components/panel";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { formatDateTime } from "@/lib/format";
import { listSecurityKeys } from "@/lib/security-keys/manage";
import { KeyList } from "./key-list";

/** Preferences > Two-factor Authentication > Security keys: the list, and adding one in sudo mode. */
export async function KeysPanel({ userId, sudo, codesOwner }: { userId: string; sudo: boolean; codesOwner: CodesOwner }) {
  const keys = await listSecurityKeys(userId);
  return (
    <Panel title="Security keys">
      <p className="text-slate-700">
        A hardware key (or a passkey on this device) that you touch when you sign in. It cannot be phished: it only answers this site.
      </p>
      <KeyList
        sudo={sudo}
        codesOwner={codesOwner}
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          details: `Added ${formatDateTime(key.createdAt)} · ${key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : "never used"}`,
        }))}
      />
    </Panel>
  );
}
