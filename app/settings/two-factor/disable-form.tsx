"use client";

import { useActionState, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { initialFormState } from "@/lib/forms/form-state";
import { disableAction } from "./actions";

/** Turning 2FA off: the code, then a question before the form is sent (Enter in the field asks too). */
export function DisableForm({ hasApp, passkeys }: { hasApp: boolean; passkeys: number }) {
  const [state, formAction] = useActionState(disableAction, initialFormState);
  const [asking, setAsking] = useState(false);
  const confirmed = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    if (confirmed.current) {
      confirmed.current = false;
      return;
    }
    event.preventDefault();
    setAsking(true);
  };
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} noValidate className="max-w-sm space-y-5">
      <FormMessage message={state.message} />
      <CodeField
        label={hasApp ? "Authentication code or backup code" : "Backup code"}
        kind="any"
        error={state.fieldErrors?.code}
        hint={hasApp ? "Enter the code your authenticator app shows now, or one of your backup codes." : "Enter one of your backup codes."}
      />
      <SubmitButton variant="danger" pendingLabel="Checking…">
        Disable two-factor authentication
      </SubmitButton>
      <ConfirmDialog
        open={asking}
        title="Turn off two-factor authentication?"
        confirmLabel="Yes, turn it off"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          confirmed.current = true;
          form.current?.requestSubmit();
        }}
      >
        Your authenticator app, security keys and backup codes will be removed, and your account will be protected by your password alone.
        {passkeys > 0
          ? ` Your ${passkeys === 1 ? "passkey stays" : `${passkeys} passkeys stay`}: ${passkeys === 1 ? "it" : "they"} can still sign in without a password.`
          : null}
      </ConfirmDialog>
    </form>
  );
}
