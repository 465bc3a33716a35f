"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

/**
 * The one button behind an emailed link: the token is used by this POST, not by opening the link, so
 * that mail scanners which fetch links use nothing up. Without a token, a plain one-button form.
 */
export function TokenActionForm({
  action,
  token,
  submitLabel,
  pendingLabel,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  token?: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage message={state.message} />
      {token === undefined ? null : <input type="hidden" name="token" value={token} />}
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
    </form>
  );
}
