"use client";

import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useState } from "react";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { useHydrated } from "./use-hydrated";

const UNREACHABLE: FormState = { status: "error", fieldErrors: { key: "Something went wrong on the way to the server. Try again." } };

/**
 * The state of a security-key form (adding a key, or signing in with one): whether this browser can
 * use keys, whether a ceremony is under way, and its outcome. `run` marks the form busy meanwhile and
 * turns a server that could not be reached into a message rather than a silent stop.
 */
export function useKeyCeremony() {
  const [state, setState] = useState<FormState>(initialFormState);
  const [busy, setBusy] = useState(false);
  const supported = !useHydrated() || browserSupportsWebAuthn();

  const run = async (ceremony: () => Promise<FormState>) => {
    setBusy(true);
    try {
      setState(await ceremony());
    } catch {
      setState(UNREACHABLE);
    } finally {
      setBusy(false);
    }
  };
  // "response" when the browser's answer could not even be parsed.
  const problem = state.fieldErrors?.key ?? state.fieldErrors?.response;
  return { state, setState, busy, supported, problem, run };
}
