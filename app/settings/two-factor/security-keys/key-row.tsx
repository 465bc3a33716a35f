"use client";

import { useActionState, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { LocalTime } from "@/components/local-time";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState } from "@/lib/forms/form-state";
import { KEY_NAME_MAX_LENGTH } from "@/lib/security-keys/name";
import { removeSecurityKeyAction, renameSecurityKeyAction } from "./actions";
import type { KeyKind, ListedKey } from "./key-list";

const SYNC = {
  synced: "Synced to your other devices (backed up)",
  "can-sync": "Can be synced, not backed up yet",
  "device-bound": "Bound to one device",
};

/** One key in the list: rename it any time; remove it in sudo mode, after a question. */
export function KeyRow({
  listed,
  kind,
  canRemove,
  onRemoved,
}: {
  listed: ListedKey;
  kind: KeyKind;
  canRemove: boolean;
  onRemoved: () => void;
}) {
  const { id, name } = listed;
  const [renamed, rename] = useActionState(renameSecurityKeyAction, initialFormState);
  const [asking, setAsking] = useState(false);
  const [removing, startRemoving] = useTransition();
  const [problem, setProblem] = useState<string | undefined>();
  const remove = () => {
    setAsking(false);
    startRemoving(async () => {
      const formData = new FormData();
      formData.set("keyId", id);
      const result = await removeSecurityKeyAction(initialFormState, formData);
      if (result.status === "success") onRemoved();
      else setProblem(result.message ?? "This key could not be removed. Try again.");
    });
  };
  return (
    <li className="space-y-3 py-4">
      <div>
        <p className="font-semibold text-slate-900 dark:text-slate-100 break-words">{name}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Added <LocalTime date={listed.createdAt} /> ·{" "}
          {listed.lastUsedAt ? (
            <>
              last used <LocalTime date={listed.lastUsedAt} />
            </>
          ) : (
            "never used"
          )}
          {listed.sync ? <> · {SYNC[listed.sync]}</> : null}
        </p>
      </div>
      <FormMessage message={problem} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <form action={rename} noValidate className="flex flex-1 flex-col gap-2 sm:flex-row sm:items-end">
          <input type="hidden" name="keyId" value={id} />
          <div className="flex-1">
            <TextField
              id={`rename-${id}`}
              label={`New name for “${name}”`}
              name="name"
              defaultValue={renamed.values?.name ?? name}
              maxLength={KEY_NAME_MAX_LENGTH}
              autoComplete="off"
              error={renamed.fieldErrors?.name ?? (renamed.status === "error" ? renamed.message : undefined)}
            />
          </div>
          <div className="sm:w-32">
            <SubmitButton variant="secondary" pendingLabel="Saving…" label={`Rename “${name}”`}>
              Rename
            </SubmitButton>
          </div>
        </form>
        {canRemove ? (
          <div className="sm:w-32">
            <button
              type="button"
              disabled={removing}
              aria-label={`Remove “${name}”`}
              onClick={() => setAsking(true)}
              className="inline-flex w-full items-center justify-center rounded-md bg-white dark:bg-slate-900 px-4 py-2.5 font-semibold text-red-700 dark:text-red-300 ring-1 ring-red-300 dark:ring-red-800 transition hover:bg-red-50 dark:hover:bg-red-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 dark:focus-visible:outline-red-400 disabled:cursor-wait disabled:opacity-70"
            >
              {removing ? "Removing…" : "Remove"}
            </button>
            <ConfirmDialog
              open={asking}
              title={`Remove “${name}”?`}
              confirmLabel={kind === "passkey" ? "Remove passkey" : "Remove key"}
              onCancel={() => setAsking(false)}
              onConfirm={remove}
            >
              {kind === "passkey"
                ? "You will no longer be able to sign in with this passkey. Remove it from your device or password manager too."
                : "You will no longer be able to sign in with this key. You can add it again later."}
            </ConfirmDialog>
          </div>
        ) : null}
      </div>
      {renamed.status === "success" ? <FormMessage tone="success" message={renamed.message} /> : null}
    </li>
  );
}
