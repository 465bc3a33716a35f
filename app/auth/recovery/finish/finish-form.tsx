"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState } from "@/lib/forms/form-state";
import { finishRecoveryAction } from "./actions";

/** Finishing signs in (the password and the link were the proof) and leads to setting up 2FA again. */
export function FinishRecoveryForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(finishRecoveryAction, initialFormState);
  const { exchanging, failed } = useSessionExchange(state, "/settings/two-factor");
  return (
    <form action={formAction} className="space-y-5">
      {exchanging ? (
        <FormMessage tone="success" message="Two-factor authentication is off. Signing you in…" />
      ) : (
        <FormMessage message={failed ? "Sign-in could not be completed. Sign in again with your password." : state.message} />
      )}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Turning it off…" variant="danger">
        Turn off two-factor authentication and sign in
      </SubmitButton>
    </form>
  );
}
