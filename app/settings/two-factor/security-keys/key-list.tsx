"use client";

import Link from "next/link";
import { useState } from "react";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { AddKeyForm } from "./add-key-form";
import { KeyRow } from "./key-row";

export type KeyKind = "security-key" | "passkey";

export type ListedKey = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Passkeys only: from the credential's backup flags. */
  sync?: "synced" | "can-sync" | "device-bound";
};

/**
 * The keys, and adding one in sudo mode. What was last done (a key added, a key removed) is said once
 * here, above the list: a removed key's row is gone, and an older "was added" must not stay beside it.
 */
export function KeyList({
  keys,
  sudo,
  codesOwner,
  kind = "security-key",
  canAdd = true,
}: {
  keys: ListedKey[];
  sudo: boolean;
  codesOwner: CodesOwner;
  kind?: KeyKind;
  /** False when the server takes no new keys of this kind: the list can still be renamed and removed from. */
  canAdd?: boolean;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const passkeys = kind === "passkey";
  return (
    <>
      <div aria-live="polite">
        {notice ? (
          <p className="mt-3 rounded-md border border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950 px-3 py-2.5 text-sm font-medium text-emerald-800 dark:text-emerald-200">
            {notice}
          </p>
        ) : null}
      </div>
      {keys.length > 0 ? (
        <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800" aria-label={passkeys ? "Your passkeys" : "Your security keys"}>
          {keys.map((key) => (
            <KeyRow key={key.id} listed={key} kind={kind} canRemove={sudo} onRemoved={() => setNotice(`“${key.name}” was removed.`)} />
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-600 dark:text-slate-400">{passkeys ? "No passkey yet." : "No security key yet."}</p>
      )}
      {sudo && !canAdd ? null : (
        <div className="mt-4 border-t border-slate-100 dark:border-slate-800 pt-4">
          {sudo ? (
            <AddKeyForm codesOwner={codesOwner} onAdded={setNotice} kind={kind} />
          ) : (
            <Link
              href="/settings/confirm-password?next=/settings/two-factor"
              className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700"
            >
              {`Confirm your password to ${canAdd ? "add or remove" : "remove"} ${passkeys ? "passkeys" : "keys"}`}
            </Link>
          )}
        </div>
      )}
    </>
  );
}
