"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { initialFormState } from "@/lib/forms/form-state";
import { disableAction } from "./actions";

export function DisableForm({ hasApp }: { hasApp: boolean }) {
  const [state, formAction] = useActionState(disableAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-sm space-y-5">
      <FormMessage message={state.message} />
      <CodeField
        label={hasApp ? "Authentication code or backup code" : "Backup code"}
        kind="any"
        error={state.fieldErrors?.code}
        hint={hasApp ? "Enter the code your authenticator app shows now, or one of your backup codes." : "Enter one of your backup codes."}
      />
      <SubmitButton pendingLabel="Checking…">Disable two-factor authentication</SubmitButton>
    </form>
  );
}
