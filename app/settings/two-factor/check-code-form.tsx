"use client";

import { useActionState } from "react";
import { CodeField } from "@/components/forms/code-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { checkBackupCodeAction } from "./actions";

/** Checks one backup code without using it up. */
export function CheckCodeForm({ invited }: { invited: boolean }) {
  const [state, formAction] = useActionState(checkBackupCodeAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-sm space-y-5">
      <FormMessage message={state.message} tone={state.status === "success" ? "success" : "error"} />
      <CodeField
        id="check-code"
        label="Backup code to check"
        kind="any"
        autoFocus={invited}
        error={state.fieldErrors?.code}
        hint="Type one code from your saved list. It is checked, not used: it still works afterwards."
      />
      <SubmitButton variant="secondary" pendingLabel="Checking…">
        Check code
      </SubmitButton>
    </form>
  );
}
