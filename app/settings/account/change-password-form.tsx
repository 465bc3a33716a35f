"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { NEW_PASSWORD_HINT } from "@/components/forms/password-hint";
import { useFocusOnError } from "@/components/forms/use-focus-on-error";
import { initialFormState } from "@/lib/forms/form-state";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, formAction] = useActionState(changePasswordAction, initialFormState);
  const form = useFocusOnError(state);
  const errors = state.fieldErrors ?? {};
  return (
    <form ref={form} action={formAction} noValidate className="max-w-md space-y-5">
      <FormMessage tone={state.status === "success" ? "success" : "error"} message={state.message} />
      {/* For password managers: the account whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.newPassword}
        hint={`${NEW_PASSWORD_HINT} Other browsers where you are signed in will be signed out.`}
      />
      <TextField
        label="Confirm new password"
        name="newPasswordConfirmation"
        type="password"
        autoComplete="new-password"
        required
        error={errors.newPasswordConfirmation}
      />
      <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
    </form>
  );
}
