"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState } from "@/lib/forms/form-state";
import { verifyAuthenticatorAction, verifyBackupCodeAction } from "./actions";

const METHODS = {
  authenticator: {
    action: verifyAuthenticatorAction,
    label: "Authentication code",
    hint: "Open your authenticator app and type the 6-digit code it shows for this account.",
    kind: "authenticator" as const,
  },
  "backup-code": {
    action: verifyBackupCodeAction,
    label: "Backup code",
    hint: "One of the ten codes you saved when you set up two-factor authentication. Each works once.",
    kind: "any" as const,
  },
};

export type SecondStepMethod = keyof typeof METHODS;

/**
 * `expired` comes from the page. The page renders again after every action (the action changes
 * cookies), by which time a finished sign-in's pending state is gone: the form keeps showing its own
 * state then, rather than the page's.
 */
export function TwoFactorForm({ next, expired, method }: { next: string; expired: boolean; method: SecondStepMethod }) {
  const { action, ...field } = METHODS[method];
  const [state, formAction] = useActionState(action, initialFormState);
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
      <CodeField label={field.label} kind={field.kind} error={state.fieldErrors?.code} hint={field.hint} autoFocus />
      <SubmitButton pendingLabel="Checking…">{exchanging ? "Signing in…" : "Verify"}</SubmitButton>
    </form>
  );
}
