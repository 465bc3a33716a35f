"use client";

import { useActionState } from "react";
import { BackupCodesPanel } from "@/app/settings/two-factor/backup-codes/backup-codes-panel";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { initialFormState } from "@/lib/forms/form-state";
import { revealDeliveredCodesAction } from "./actions";

export function RevealForm({ token, owner }: { token: string; owner: CodesOwner }) {
  const [state, formAction] = useActionState(revealDeliveredCodesAction, initialFormState);
  if (state.codes) return <BackupCodesPanel codes={state.codes} owner={owner} continueHref="/settings/two-factor?notice=codes-saved" />;
  return (
    <form action={formAction} className="max-w-sm space-y-5">
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Opening…">Show my new backup codes</SubmitButton>
    </form>
  );
}
