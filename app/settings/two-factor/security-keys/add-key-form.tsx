"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { BackupCodesPanel } from "@/components/backup-codes-panel";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useKeyCeremony } from "@/components/use-key-ceremony";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { ceremonyProblem } from "@/lib/security-keys/ceremony-problem";
import { KEY_NAME_MAX_LENGTH } from "@/lib/security-keys/name";
import { addSecurityKeyAction, keyRegistrationOptionsAction } from "./actions";

/**
 * Name the key, then the browser asks the user to touch it. When it is the account's first second
 * factor, the first backup codes are shown here, once.
 */
export function AddKeyForm({ codesOwner, onAdded }: { codesOwner: CodesOwner; onAdded: (message: string) => void }) {
  const { state, setState, busy, supported, problem, run } = useKeyCeremony();

  if (state.codes) {
    return (
      <div className="space-y-4">
        <FormMessage
          tone="success"
          message="Two-factor authentication is on. Save these backup codes: they get you in if you lose your key."
        />
        <BackupCodesPanel
          codes={state.codes}
          owner={codesOwner}
          continueHref="/settings/two-factor?notice=enabled"
          onContinue={() => setState(initialFormState)}
        />
      </div>
    );
  }
  if (!supported)
    return <p className="text-slate-700 dark:text-slate-300">This browser cannot use security keys. Try another browser to add one.</p>;

  const addKey = (formData: FormData) =>
    run(async (): Promise<FormState> => {
      const prepared = await keyRegistrationOptionsAction(formData);
      if (prepared.status !== "ready") return prepared;
      const response = await startRegistration({ optionsJSON: prepared.options }).catch((error: unknown) =>
        ceremonyProblem(error, "registration"),
      );
      if (typeof response === "string")
        return { status: "error", fieldErrors: { key: response }, values: { name: String(formData.get("name")) } };
      formData.set("response", JSON.stringify(response));
      const added = await addSecurityKeyAction(initialFormState, formData);
      if (added.status !== "success" || added.codes) return added;
      onAdded(added.message ?? "The key was added.");
      return { status: "idle", values: { name: "" } };
    });

  return (
    <form action={addKey} noValidate className="max-w-sm space-y-4">
      <FormMessage message={state.message} />
      <TextField
        key={state.values?.name ?? ""}
        label="Name of the key"
        name="name"
        defaultValue={state.values?.name}
        maxLength={KEY_NAME_MAX_LENGTH}
        autoComplete="off"
        error={state.fieldErrors?.name}
        hint="So that you can tell your keys apart, e.g. “Blue key on my keyring”."
      />
      {problem ? (
        <p
          id="add-key-problem"
          role="alert"
          className="rounded-md border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950 px-3 py-2.5 text-sm font-medium text-red-800 dark:text-red-200"
        >
          {problem}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={busy}
        aria-describedby={problem ? "add-key-problem" : undefined}
        className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70"
      >
        {busy ? "Touch your key…" : "Add security key"}
      </button>
    </form>
  );
}
