"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { CeremonyProblem, FormMessage } from "@/components/forms/form-message";
import { useKeyCeremony } from "@/components/use-key-ceremony";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { ceremonyProblem } from "@/lib/security-keys/ceremony-problem";
import { securityKeyOptionsAction, verifySecurityKeyAction } from "./actions";
import { RestartNotice } from "./restart-notice";

/** The second step with a security key: the browser asks the key to sign this sign-in's challenge. */
export function SecurityKeyStep({ next, expired }: { next: string; expired: boolean }) {
  const { state, busy, supported, problem, run } = useKeyCeremony();
  const { exchanging, failed } = useSessionExchange(state, next);

  if (state.fieldErrors?.restart || (expired && state.status === "idle")) {
    return <RestartNotice next={next} message={state.message} />;
  }

  const signInWithKey = () =>
    run(async (): Promise<FormState> => {
      const prepared = await securityKeyOptionsAction();
      if (prepared.status !== "ready") return prepared;
      const response = await startAuthentication({ optionsJSON: prepared.options }).catch((error: unknown) =>
        ceremonyProblem(error, "sign-in"),
      );
      if (typeof response === "string") return { status: "error", fieldErrors: { key: response } };
      const form = new FormData();
      form.set("response", JSON.stringify(response));
      return verifySecurityKeyAction(initialFormState, form);
    });

  return (
    <div className="space-y-5">
      <FormMessage message={failed ? "Sign-in could not be completed. Please try again." : state.message} />
      <p className="text-slate-700 dark:text-slate-300">
        {supported
          ? "Have your security key ready. Press the button, then touch or insert the key when your browser asks."
          : "This browser cannot use security keys. Choose another method below."}
      </p>
      <CeremonyProblem id="key-problem" problem={problem} />
      {supported ? (
        <button
          type="button"
          onClick={signInWithKey}
          disabled={busy || exchanging}
          aria-describedby={problem ? "key-problem" : undefined}
          className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 text-base font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70"
          autoFocus
        >
          {exchanging ? "Signing in…" : busy ? "Waiting for your key…" : "Use security key"}
        </button>
      ) : null}
    </div>
  );
}
