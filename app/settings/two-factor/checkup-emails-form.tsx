"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { setCheckupEmailsAction } from "./actions";

export function CheckupEmailsForm({ enabled }: { enabled: boolean }) {
  const [state, formAction] = useActionState(setCheckupEmailsAction, initialFormState);
  return (
    <form action={formAction} className="max-w-sm space-y-4">
      <FormMessage message={state.message} />
      <input type="hidden" name="enabled" value={enabled ? "off" : "on"} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        {enabled ? "Turn off check-up emails" : "Turn on check-up emails"}
      </SubmitButton>
    </form>
  );
}
