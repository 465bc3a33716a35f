"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState } from "@/lib/forms/form-state";
import { KEY_NAME_MAX_LENGTH } from "@/lib/security-keys/name";
import { removeSecurityKeyAction, renameSecurityKeyAction } from "./actions";

/** One key in the list: rename it any time; remove it in sudo mode. */
export function KeyRow({ id, name, details, canRemove }: { id: string; name: string; details: string; canRemove: boolean }) {
  const [renamed, rename] = useActionState(renameSecurityKeyAction, initialFormState);
  const [removed, remove] = useActionState(removeSecurityKeyAction, initialFormState);
  return (
    <li className="space-y-3 py-4">
      <div>
        <p className="font-semibold text-slate-900 break-words">{name}</p>
        <p className="text-sm text-slate-600">{details}</p>
      </div>
      <FormMessage message={removed.message} />
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
          <form action={remove} className="sm:w-32">
            <input type="hidden" name="keyId" value={id} />
            <SubmitButton variant="secondary" pendingLabel="Removing…" label={`Remove “${name}”`}>
              Remove
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {renamed.status === "success" ? <FormMessage tone="success" message={renamed.message} /> : null}
    </li>
  );
}
