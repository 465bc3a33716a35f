"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState } from "@/lib/forms/form-state";
import { verifyAuthenticatorAction } from "./actions";

/**
 * `expired` comes from the page. The page renders again after every action (the action changes
 * cookies), by which time a finished sign-in's pending state is gone: the form keeps showing its own
 * state then, rather than the page's.
 */
export function TwoFactorForm({ next, expired }: { next: string; expired: boolean }) {
  const [state, formAction] = useActionState(verifyAuthenticatorAction, initialFormState);
  const { exchanging, failed } = useSessionExchange(state, next);

  if (state.fieldErrors?.restart || (expired && state.status === "idle")) {
    return (
      <div className="space-y-5">
        <FormMessage message={state.message ?? "This sign-in has expired or was not started here. Sign in again with your password."} />
        <Link
          href={`/auth/sign-in?next=${encodeURIComponent(next)}`}
          className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700"
        >
          Sign in again
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormMessage message={failed ? "Sign-in could not be completed. Please try again." : state.message} />
      <TextField
        label="Authentication code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        maxLength={12}
        placeholder="123 456"
        error={state.fieldErrors?.code}
        hint="Open your authenticator app and type the 6-digit code it shows for this account."
      />
      <SubmitButton pendingLabel="Checking…">{exchanging ? "Signing in…" : "Verify"}</SubmitButton>
    </form>
  );
}
