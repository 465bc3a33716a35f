"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState } from "@/lib/forms/form-state";
import { signInAction } from "./actions";

/** `passkeys`: the operator allows them, so the browser may offer them in the email field's autofill. */
export function SignInForm({ next, notice, passkeys }: { next: string; notice?: string; passkeys: boolean }) {
  const [state, formAction] = useActionState(signInAction, initialFormState);
  const { exchanging, failed } = useSessionExchange(state, next);

  const message = failed ? "Sign-in could not be completed. Please try again." : state.message;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-5">
      {notice && state.status === "idle" ? <FormMessage tone="success" message={notice} /> : <FormMessage message={message} />}
      {errors.confirmation ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          No link?{" "}
          <Link href="/auth/confirmation/new" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            Send it again
          </Link>
          .
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete={passkeys ? "username webauthn" : "username"}
        required
        defaultValue={state.values?.email}
        error={errors.email}
        key={`email-${state.values?.email}`}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <p className="-mt-3 text-right text-sm">
        <Link href="/auth/password/new" className="text-slate-600 dark:text-slate-400 underline">
          Forgot password?
        </Link>
      </p>
      <SubmitButton pendingLabel="Signing in…">{exchanging ? "Signing in…" : "Sign in"}</SubmitButton>
    </form>
  );
}
