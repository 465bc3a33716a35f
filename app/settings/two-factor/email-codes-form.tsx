"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { setEmailCodesAction } from "./actions";

export function EmailCodesForm({ enabled }: { enabled: boolean }) {
  const [state, formAction] = useActionState(setEmailCodesAction, initialFormState);
  return (
    <form action={formAction} className="max-w-sm space-y-4">
      <FormMessage message={state.message} />
      <input type="hidden" name="enabled" value={enabled ? "off" : "on"} />
      <SubmitButton variant={enabled ? "secondary" : "primary"} pendingLabel="Saving…">
        {enabled ? "Turn off codes by email" : "Turn on codes by email"}
      </SubmitButton>
    </form>
  );
}
