"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState } from "@/lib/forms/form-state";
import { finishRecoveryAction } from "./actions";

/**
 * Finishing signs in (the password and the link were the proof) and leads to setting up 2FA again.
 * The page renders this in every state: once the request is finished, the page's own check says the
 * link is used, and this form must stay to complete the sign-in. `problem`: why the link cannot
 * finish now (then there is no button).
 */
export function FinishRecoveryForm({ token, problem, tone }: { token: string; problem?: string; tone: "info" | "error" }) {
  const [state, formAction] = useActionState(finishRecoveryAction, initialFormState);
  const { exchanging, failed } = useSessionExchange(state, "/settings/two-factor");
  if (exchanging) return <FormMessage tone="success" message="Two-factor authentication is off. Signing you in…" />;
  if (problem && state.status === "idle") return <FormMessage tone={tone} message={problem} />;
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage message={failed ? "Sign-in could not be completed. Sign in again with your password." : state.message} />
      <input type="hidden" name="token" value={token} />
      {problem ? null : (
        <SubmitButton pendingLabel="Turning it off…" variant="danger">
          Turn off two-factor authentication and sign in
        </SubmitButton>
      )}
    </form>
  );
}
