"use client";

import { useActionState } from "react";
import { CeremonyProblem, FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { TextField } from "@/components/forms/text-field";
import { initialFormState } from "@/lib/forms/form-state";
import { askForPasskey, isPasskeyAnswer } from "@/components/passkey-assertion";
import { useKeyCeremony } from "@/components/use-key-ceremony";
import {
  confirmPasswordAction,
  confirmWithAuthenticatorAction,
  confirmWithPasskeyAction,
  passkeyConfirmationOptionsAction,
} from "./actions";

export function ConfirmPasswordForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(confirmPasswordAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-md space-y-5">
      <FormMessage message={state.message} />
      <input type="hidden" name="next" value={next} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus
        required
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Checking…">Confirm password</SubmitButton>
    </form>
  );
}

export function ConfirmWithAuthenticatorForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(confirmWithAuthenticatorAction, initialFormState);
  return (
    <form action={formAction} noValidate className="max-w-md space-y-5">
      <FormMessage message={state.message} />
      <input type="hidden" name="next" value={next} />
      <CodeField label="Code from your authenticator app" error={state.fieldErrors?.code} />
      <SubmitButton pendingLabel="Checking…">Confirm with code</SubmitButton>
    </form>
  );
}

/** One of the user's passkeys, unlocked with the device's fingerprint, face or PIN; success goes on to `next`. */
export function ConfirmWithPasskeyForm({ next }: { next: string }) {
  const { state, busy, problem, run } = useKeyCeremony();
  const confirm = () =>
    run(async () => {
      const answer = await askForPasskey(passkeyConfirmationOptionsAction);
      if (!isPasskeyAnswer(answer)) return answer;
      const form = new FormData();
      form.set("response", JSON.stringify(answer));
      form.set("next", next);
      return confirmWithPasskeyAction(initialFormState, form);
    });
  return (
    <div className="max-w-md space-y-5">
      <FormMessage message={state.message} />
      <CeremonyProblem id="sudo-passkey-problem" problem={problem} />
      <button
        type="button"
        onClick={confirm}
        disabled={busy}
        aria-describedby={problem ? "sudo-passkey-problem" : undefined}
        className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 text-base font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70"
      >
        {busy ? "Waiting for your passkey…" : "Confirm with a passkey"}
      </button>
    </div>
  );
}
