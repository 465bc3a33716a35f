"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState } from "@/lib/forms/form-state";
import { requestPasswordResetAction } from "../actions";

export function RequestResetForm() {
  const [state, formAction] = useActionState(requestPasswordResetAction, initialFormState);
  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormMessage tone={state.status === "success" ? "success" : "error"} message={state.message} />
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
        key={`email-${state.values?.email}`}
      />
      <SubmitButton pendingLabel="Sending…">Send me reset instructions</SubmitButton>
    </form>
  );
}
