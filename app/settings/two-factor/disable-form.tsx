"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { initialFormState } from "@/lib/forms/form-state";
import { disableAction } from "./actions";

export function DisableForm() {
  const [state, formAction] = useActionState(disableAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-sm space-y-5">
      <FormMessage message={state.message} />
      <CodeField
        label="Authentication code or backup code"
        kind="any"
        error={state.fieldErrors?.code}
        hint="Enter the code your authenticator app shows now, or one of your backup codes."
      />
      <SubmitButton pendingLabel="Checking…">Disable two-factor authentication</SubmitButton>
    </form>
  );
}
