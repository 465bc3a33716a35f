"use client";

import { useActionState } from "react";
import { BackupCodesPanel } from "@/app/settings/two-factor/backup-codes/backup-codes-panel";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { initialFormState } from "@/lib/forms/form-state";
import { regenerateBackupCodesAction } from "../actions";

export function RegenerateForm({ owner }: { owner: CodesOwner }) {
  const [state, formAction] = useActionState(regenerateBackupCodesAction, initialFormState);
  if (state.codes)
    return (
      <BackupCodesPanel codes={state.codes} owner={owner} continueHref="/settings/two-factor?notice=codes-regenerated#check-backup-code" />
    );
  return (
    <form action={formAction} className="max-w-sm space-y-5">
      <FormMessage message={state.message} />
      <SubmitButton pendingLabel="Generating…">Generate new codes</SubmitButton>
    </form>
  );
}
