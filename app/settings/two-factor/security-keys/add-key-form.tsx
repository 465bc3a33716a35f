"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { BackupCodesPanel } from "@/app/settings/two-factor/backup-codes/backup-codes-panel";
import { CeremonyProblem, FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useKeyCeremony } from "@/components/use-key-ceremony";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { ceremonyProblem } from "@/lib/security-keys/ceremony-problem";
import { KEY_NAME_MAX_LENGTH } from "@/lib/security-keys/name";
import { addSecurityKeyAction, keyRegistrationOptionsAction } from "./actions";
import type { KeyKind } from "./key-list";

const WORDS = {
  "security-key": {
    label: "Name of the key",
    hint: "So that you can tell your keys apart, e.g. “Blue key on my keyring”.",
    submit: "Add security key",
    busy: "Touch your key…",
    unsupported: "This browser cannot use security keys. Try another browser to add one.",
  },
  passkey: {
    label: "Name of the passkey",
    hint: "So that you can tell your passkeys apart, e.g. “Phone” or “Work laptop”.",
    submit: "Add passkey",
    busy: "Confirm on your device…",
    unsupported: "This browser cannot use passkeys. Try another browser to add one.",
  },
};

/**
 * Name the key, then the browser asks the user to touch it. When it is the account's first second
 * factor, the first backup codes are shown here, once. A passkey is added the same way; the browser
 * then also asks for the device's PIN or biometrics.
 */
export function AddKeyForm({
  codesOwner,
  onAdded,
  kind = "security-key",
}: {
  codesOwner: CodesOwner;
  onAdded: (message: string) => void;
  kind?: KeyKind;
}) {
  const words = WORDS[kind];
  const problemId = kind === "passkey" ? "add-passkey-problem" : "add-key-problem";
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
  if (!supported) return <p className="text-slate-700 dark:text-slate-300">{words.unsupported}</p>;

  const addKey = (formData: FormData) =>
    run(async (): Promise<FormState> => {
      formData.set("kind", kind);
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
        id={kind === "passkey" ? "passkey-name" : undefined}
        label={words.label}
        name="name"
        defaultValue={state.values?.name}
        maxLength={KEY_NAME_MAX_LENGTH}
        autoComplete="off"
        error={state.fieldErrors?.name}
        hint={words.hint}
      />
      <CeremonyProblem id={problemId} problem={problem} />
      <button
        type="submit"
        disabled={busy}
        aria-describedby={problem ? problemId : undefined}
        className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70"
      >
        {busy ? words.busy : words.submit}
      </button>
    </form>
  );
}
