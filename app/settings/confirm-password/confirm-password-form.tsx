"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { TextField } from "@/components/forms/text-field";
import { initialFormState } from "@/lib/forms/form-state";
import { confirmPasswordAction, confirmWithAuthenticatorAction } from "./actions";

export function ConfirmPasswordForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(confirmPasswordAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-md space-y-5">
      <FormMessage message={state.message} />
      <input type="hidden" name="next" value={next} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus
        required
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Checking…">Confirm password</SubmitButton>
    </form>
  );
}

export function ConfirmWithAuthenticatorForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(confirmWithAuthenticatorAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-md space-y-5">
      <FormMessage message={state.message} />
      <input type="hidden" name="next" value={next} />
      <CodeField label="Code from your authenticator app" error={state.fieldErrors?.code} />
      <SubmitButton pendingLabel="Checking…">Confirm with code</SubmitButton>
    </form>
  );
}
