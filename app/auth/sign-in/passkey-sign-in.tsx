"use client";

import { browserSupportsWebAuthnAutofill, startAuthentication, WebAuthnAbortService } from "@simplewebauthn/browser";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useEffect } from "react";
import { CeremonyProblem, FormMessage } from "@/components/forms/form-message";
import { useKeyCeremony } from "@/components/use-key-ceremony";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { ceremonyProblem } from "@/lib/security-keys/ceremony-problem";
import { signInWithPasskeyAction } from "./actions";

type Offer = { status: "ready"; options: PublicKeyCredentialRequestOptionsJSON } | FormState;

let lastOffer: Promise<Offer> | null = null;

/**
 * A challenge for this page (passkey-options/route.ts), or what to say when there is none. Each new
 * one replaces the cookie of the one before, so they are asked for one after the other: the button
 * pressed while the autofill's offer is still on its way must not end up with that offer's cookie.
 */
function passkeyOffer(): Promise<Offer> {
  const offer = (lastOffer ?? Promise.resolve()).then(requestOffer, requestOffer);
  lastOffer = offer;
  return offer;
}

async function requestOffer(): Promise<Offer> {
  try {
    const answer = await fetch("/auth/sign-in/passkey-options", { method: "POST" });
    const body = (await answer.json()) as { options?: PublicKeyCredentialRequestOptionsJSON; message?: string };
    if (answer.ok && body.options) return { status: "ready", options: body.options };
    return { status: "error", message: body.message ?? "Passkeys are not available just now. Sign in with your password." };
  } catch {
    return { status: "error", message: "Something went wrong on the way to the server. Try again." };
  }
}

/**
 * Signing in with a passkey, no password: the button asks the browser for any passkey it holds for
 * this site; meanwhile the browser's autofill on the email field (conditional mediation) offers the
 * same passkeys. Either answer goes to the same action.
 */
export function PasskeySignIn({ next }: { next: string }) {
  const { state, busy, supported, problem, run } = useKeyCeremony();
  const { exchanging, failed } = useSessionExchange(state, next);

  const finish = async (response: AuthenticationResponseJSON): Promise<FormState> => {
    const form = new FormData();
    form.set("response", JSON.stringify(response));
    form.set("next", next);
    return signInWithPasskeyAction(initialFormState, form);
  };

  useEffect(() => {
    let stopped = false;
    (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const prepared = await passkeyOffer();
      if (stopped || prepared.status !== "ready") return;
      // Settles only when the user picks a passkey in the autofill; the button's request cancels it.
      const response = await startAuthentication({ optionsJSON: prepared.options, useBrowserAutofill: true }).catch(() => null);
      if (response && !stopped) await run(() => finish(response));
    })().catch(() => undefined);
    return () => {
      stopped = true;
      WebAuthnAbortService.cancelCeremony();
    };
    // Once per page: a new offer would replace the challenge the autofill holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!supported) return null;
  const signInWithPasskey = () =>
    run(async (): Promise<FormState> => {
      const prepared = await passkeyOffer();
      if (prepared.status !== "ready") return prepared;
      const response = await startAuthentication({ optionsJSON: prepared.options }).catch((error: unknown) =>
        ceremonyProblem(error, "passkey"),
      );
      if (typeof response === "string") return { status: "error", fieldErrors: { key: response } };
      return finish(response);
    });

  return (
    <div className="mt-6 space-y-3 border-t border-slate-200 dark:border-slate-700 pt-6">
      <FormMessage message={failed ? "Sign-in could not be completed. Please try again." : state.message} />
      <CeremonyProblem id="passkey-problem" problem={problem} />
      <button
        type="button"
        onClick={signInWithPasskey}
        disabled={busy || exchanging}
        aria-describedby={problem ? "passkey-problem" : undefined}
        className="inline-flex w-full items-center justify-center rounded-md bg-white dark:bg-slate-900 px-4 py-2.5 text-base font-semibold text-brand-700 dark:text-brand-300 ring-1 ring-brand-600 dark:ring-brand-300 transition hover:bg-brand-50 dark:hover:bg-brand-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:cursor-wait disabled:opacity-70"
      >
        {exchanging ? "Signing in…" : busy ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </button>
    </div>
  );
}
