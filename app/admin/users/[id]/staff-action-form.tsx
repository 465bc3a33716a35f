"use client";

import { useActionState, useRef, useState } from "react";
import { askForPasskey, isPasskeyAnswer } from "@/components/passkey-assertion";
import { CodeField } from "@/components/forms/code-field";
import { CeremonyProblem, FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { adminPasskeyOptionsAction } from "../actions";

/**
 * One action on another account. Typing a fresh code from the admin's own app, or unlocking one of
 * the admin's own passkeys, is the confirmation step: nothing happens on a stray click.
 */
export function StaffActionForm({
  action,
  userId,
  submitLabel,
  withEmail,
  proofs = { code: true, passkey: false },
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  userId: string;
  submitLabel: string;
  withEmail?: boolean;
  /** How the admin can confirm: a code from their app, a passkey, or either. */
  proofs?: { code: boolean; passkey: boolean };
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const id = submitLabel.toLowerCase().replace(/[^a-z]+/g, "-");
  const form = useRef<HTMLFormElement>(null);
  const response = useRef<HTMLInputElement>(null);
  const [asking, setAsking] = useState(false);
  const [ceremonyProblem, setCeremonyProblem] = useState<string | undefined>();
  const confirmWithPasskey = async () => {
    setAsking(true);
    setCeremonyProblem(undefined);
    const answer = await askForPasskey(adminPasskeyOptionsAction).catch(() => null);
    setAsking(false);
    if (!answer || !isPasskeyAnswer(answer)) {
      setCeremonyProblem(answer?.fieldErrors?.key ?? answer?.message ?? "Something went wrong on the way to the server. Try again.");
      return;
    }
    if (!response.current || !form.current) return;
    response.current.disabled = false;
    response.current.value = JSON.stringify(answer);
    form.current.requestSubmit();
    response.current.disabled = true;
  };
  const keyProblem = ceremonyProblem ?? state.fieldErrors?.key;
  return (
    <form ref={form} action={formAction} noValidate className="max-w-sm space-y-4">
      <FormMessage tone={state.status === "success" ? "success" : "error"} message={state.message} />
      <input type="hidden" name="userId" value={userId} />
      {withEmail ? (
        <TextField
          id={`${id}-email`}
          label="New email address"
          name="email"
          type="email"
          defaultValue={state.values?.email}
          error={state.fieldErrors?.email}
          key={state.values?.email}
        />
      ) : null}
      {proofs.code ? (
        <>
          <CodeField
            id={`${id}-code`}
            label="Your authentication code"
            error={state.fieldErrors?.code}
            hint="From your own authenticator app, to confirm."
          />
          <SubmitButton pendingLabel="Working…">{submitLabel}</SubmitButton>
        </>
      ) : null}
      {proofs.passkey ? (
        <>
          {/* Sent only when a passkey answered: a form sent with the code button carries the code alone. */}
          <input ref={response} type="hidden" name="response" disabled />
          <CeremonyProblem id={`${id}-key-problem`} problem={keyProblem} />
          <button
            type="button"
            onClick={confirmWithPasskey}
            disabled={asking}
            aria-describedby={keyProblem ? `${id}-key-problem` : undefined}
            className="inline-flex w-full items-center justify-center rounded-md bg-white dark:bg-slate-900 px-4 py-2.5 font-semibold text-brand-700 dark:text-brand-300 ring-1 ring-brand-600 dark:ring-brand-300 transition hover:bg-brand-50 dark:hover:bg-brand-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70"
          >
            {asking ? "Waiting for your passkey…" : `${submitLabel} with a passkey`}
          </button>
        </>
      ) : null}
    </form>
  );
}
