"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { NEW_PASSWORD_HINT } from "@/components/forms/password-hint";
import { useFocusOnError } from "@/components/forms/use-focus-on-error";
import { initialFormState } from "@/lib/forms/form-state";
import { resetPasswordAction } from "../actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, formAction] = useActionState(resetPasswordAction, initialFormState);
  const form = useFocusOnError(state);
  const errors = state.fieldErrors ?? {};
  return (
    <form ref={form} action={formAction} noValidate className="space-y-5">
      <FormMessage message={state.message} />
      {errors.token ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          <Link href="/auth/password/new" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            Send me a new reset link
          </Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        autoFocus
        required
        error={errors.password}
        hint={`${NEW_PASSWORD_HINT} A long phrase is easier to remember and harder to guess.`}
      />
      <TextField
        label="Confirm new password"
        name="passwordConfirmation"
        type="password"
        autoComplete="new-password"
        required
        error={errors.passwordConfirmation}
      />
      <SubmitButton pendingLabel="Saving…">Change my password</SubmitButton>
    </form>
  );
}
