"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** A form that asks for one authenticator code, to turn 2FA off. */
export function CodeForm({
  action,
  submitLabel,
  hint,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
  hint: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-sm space-y-5">
      <FormMessage message={state.message} />
      <TextField
        label="Authentication code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={12}
        placeholder="123 456"
        error={state.fieldErrors?.code}
        hint={hint}
      />
      <SubmitButton pendingLabel="Checking…">{submitLabel}</SubmitButton>
    </form>
  );
}
