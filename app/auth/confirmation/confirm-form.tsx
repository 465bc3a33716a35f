"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { confirmEmailAction } from "./actions";

export function ConfirmForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(confirmEmailAction, initialFormState);
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Confirming…">Confirm my email address</SubmitButton>
    </form>
  );
}
