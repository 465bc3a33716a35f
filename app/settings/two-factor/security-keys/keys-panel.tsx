import Link from "next/link";
import { Panel } from "@/components/panel";
import { formatDateTime } from "@/lib/display/date-time";
import { listSecurityKeys } from "@/lib/security-keys/manage";
import { AddKeyForm } from "./add-key-form";
import { KeyRow } from "./key-row";

/** Preferences > Two-factor Authentication > Security keys: the list, and adding one in sudo mode. */
export async function KeysPanel({ userId, sudo, codesFileName }: { userId: string; sudo: boolean; codesFileName: string }) {
  const keys = await listSecurityKeys(userId);
  return (
    <Panel title="Security keys">
      <p className="text-slate-700">
        A hardware key (or a passkey on this device) that you touch when you sign in. It cannot be phished: it only answers this site.
      </p>
      {keys.length > 0 ? (
        <ul className="mt-2 divide-y divide-slate-100" aria-label="Your security keys">
          {keys.map((key) => (
            <KeyRow
              key={key.id}
              id={key.id}
              name={key.name}
              canRemove={sudo}
              details={`Added ${formatDateTime(key.createdAt)} · ${key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : "never used"}`}
            />
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-600">No security key yet.</p>
      )}
      <div className="mt-4 border-t border-slate-100 pt-4">
        {sudo ? (
          <AddKeyForm codesFileName={codesFileName} />
        ) : (
          <Link
            href="/settings/confirm-password?next=/settings/two-factor"
            className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Confirm your password to add or remove keys
          </Link>
        )}
      </div>
    </Panel>
  );
}
