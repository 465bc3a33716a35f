"use client";

import { useActionState } from "react";
import { CodeField } from "@/components/forms/code-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/**
 * One action on another account. Typing a fresh code from the admin's own app is the confirmation
 * step: nothing happens on a stray click.
 */
export function StaffActionForm({
  action,
  userId,
  submitLabel,
  withEmail,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  userId: string;
  submitLabel: string;
  withEmail?: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const id = submitLabel.toLowerCase().replace(/[^a-z]+/g, "-");
  return (
    <form action={formAction} noValidate className="max-w-sm space-y-4">
      <FormMessage tone={state.status === "success" ? "success" : "error"} message={state.message} />
      <input type="hidden" name="userId" value={userId} />
      {withEmail ? (
        <TextField
          id={`${id}-email`}
          label="New email address"
          name="email"
          type="email"
          defaultValue={state.values?.email}
          error={state.fieldErrors?.email}
          key={state.values?.email}
        />
      ) : null}
      <CodeField
        id={`${id}-code`}
        label="Your authentication code"
        error={state.fieldErrors?.code}
        hint="From your own authenticator app, to confirm."
      />
      <SubmitButton pendingLabel="Working…">{submitLabel}</SubmitButton>
    </form>
  );
}
