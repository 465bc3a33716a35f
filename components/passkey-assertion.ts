"use client";

import { startAuthentication, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import type { FormState } from "@/lib/forms/form-state";
import { ceremonyProblem } from "@/lib/security-keys/ceremony-problem";

export type PasskeyOptionsAction = () => Promise<{ status: "ready"; options: PublicKeyCredentialRequestOptionsJSON } | FormState>;

/**
 * A signed-in user's passkey signing the challenge their session was given: the browser's answer, or
 * what to tell the user (at the `key` field) when there is none.
 */
export async function askForPasskey(optionsAction: PasskeyOptionsAction): Promise<AuthenticationResponseJSON | FormState> {
  const prepared = await optionsAction();
  if (prepared.status !== "ready") return prepared;
  return startAuthentication({ optionsJSON: prepared.options }).catch((error: unknown): FormState => ({
    status: "error",
    fieldErrors: { key: ceremonyProblem(error, "passkey") },
  }));
}

export function isPasskeyAnswer(answer: AuthenticationResponseJSON | FormState): answer is AuthenticationResponseJSON {
  return "response" in answer;
}
