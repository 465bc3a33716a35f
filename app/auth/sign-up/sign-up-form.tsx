"use client";

import Link from "next/link";
import { useActionState } from "react";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { NEW_PASSWORD_HINT } from "@/components/forms/password-hint";
import { useFocusOnError } from "@/components/forms/use-focus-on-error";
import { initialFormState } from "@/lib/forms/form-state";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const [state, formAction] = useActionState(signUpAction, initialFormState);
  const form = useFocusOnError(state);

  if (state.status === "success") {
    return (
      <div className="space-y-4" role="status">
        <AuthHeading title="Check your inbox" />
        <p className="text-slate-700 dark:text-slate-300">
          We sent a link to <strong className="break-all">{state.values?.email}</strong>. Open it to confirm your address, then sign in.
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Nothing arrived after a few minutes? Check your spam folder, or{" "}
          <Link className="font-semibold text-brand-600 dark:text-brand-300 underline" href="/auth/confirmation/new">
            send the link again
          </Link>
          .
        </p>
      </div>
    );
  }

  const errors = state.fieldErrors ?? {};
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <AuthHeading title="Create an account" />
      <FormMessage message={state.message} />
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={errors.email}
        key={`email-${state.values?.email}`}
      />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={30}
        defaultValue={state.values?.username}
        error={errors.username}
        hint="Letters, numbers and underscores. Others see it as @username."
        key={`username-${state.values?.username}`}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint={`${NEW_PASSWORD_HINT} A long phrase is easier to remember and harder to guess.`}
      />
      <TextField
        label="Confirm password"
        name="passwordConfirmation"
        type="password"
        autoComplete="new-password"
        required
        error={errors.passwordConfirmation}
      />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
