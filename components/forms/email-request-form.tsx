"use client";

import { useActionState } from "react";
import { useFocusOnError } from "@/components/forms/use-focus-on-error";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

/** "Send me something at this address": the forgot-password, resend-confirmation and change-email forms. */
export function EmailRequestForm({
  action,
  submitLabel,
  label = "Email address",
  hint,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
  label?: string;
  hint?: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const form = useFocusOnError(state);
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <FormMessage tone={state.status === "success" ? "success" : "error"} message={state.message} />
      <TextField
        label={label}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
        key={`email-${state.values?.email}`}
        hint={hint}
      />
      <SubmitButton pendingLabel="Sending…">{submitLabel}</SubmitButton>
    </form>
  );
}
