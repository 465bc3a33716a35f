"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { nextPathField, safeNextPath } from "@/lib/auth/next-path";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, guardedCall } from "@/lib/forms/guarded-action";
import { passkeyConfirmationOptions } from "@/lib/passkeys/confirmation";
import { verifyPassword } from "@/lib/passwords/hashing";
import { formatRetryAfter } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request/context";
import type { ActiveSession } from "@/lib/sessions/sessions";
import { enterSudoMode } from "@/lib/sessions/sudo";
import { authenticationResponseField } from "@/lib/security-keys/responses";
import { totpCodeField } from "@/lib/two-factor/totp";
import { verifySecondFactor, type SecondFactorResult } from "@/lib/two-factor/verify";

const input = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(4096, "That password is not right."),
  next: nextPathField,
});

const codeInput = z.object({ code: totpCodeField, next: nextPathField });
const passkeyInput = z.object({ response: authenticationResponseField, next: nextPathField });

export async function confirmPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return confirmIdentity(formData, input, async ({ user }, values) =>
    (await verifyPassword(values.password, user.passwordHash)) ? null : { password: "That password is not right." },
  );
}

/**
 * Some people prefer their app to their password here; a code is as fresh a proof (and works once).
 * It is a second factor like any other: it counts on the account's one failure counter, and a wrong
 * one is audited and emailed. The password path above resets nothing on that counter.
 */
export async function confirmWithAuthenticatorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return confirmIdentity(formData, codeInput, async ({ user }, values, client) => {
    const result = await verifySecondFactor({
      method: "authenticator",
      input: { code: values.code },
      context: { place: "sudo", userId: user.id, client },
    });
    return secondFactorProblem(result, "code", {
      wrong: "That code did not work. Enter the code your app shows now.",
      tooMany:
        "Too many wrong codes in a row for this account. Confirm with your password instead; codes work again after your next sign-in.",
      unavailable: "Your account has no authenticator app. Confirm with your password.",
    });
  });
}

/** The challenge for confirming with one of the user's passkeys, kept on their session. */
export async function passkeyConfirmationOptionsAction(): Promise<
  { status: "ready"; options: PublicKeyCredentialRequestOptionsJSON } | FormState
> {
  return guardedCall({
    guard: "session",
    limits: (ip, { user }) => [
      { key: `sudo:ip:${ip}`, limit: 20, windowSeconds: 900 },
      { key: `passkey-confirmation:account:${user.id}`, limit: 20, windowSeconds: 900 },
    ],
    async run({ signedIn: { user, session } }) {
      const options = await passkeyConfirmationOptions(user.id, session.id);
      return options
        ? { status: "ready" as const, options }
        : { status: "error" as const, fieldErrors: { key: "Your account has no passkey. Confirm with your password." } };
    },
  });
}

/** A user-verified passkey: as fresh a proof as an app code, and counted the same way. */
export async function confirmWithPasskeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return confirmIdentity(formData, passkeyInput, async ({ user, session }, values, client) => {
    const result = await verifySecondFactor({
      method: "passkey",
      input: { response: values.response },
      context: { place: "sudo", userId: user.id, sessionId: session.id, client },
    });
    return secondFactorProblem(result, "key", {
      wrong: "That passkey was not accepted. Use one of your passkeys, and unlock it with your fingerprint, face or PIN.",
      tooMany:
        "Too many failed attempts in a row for this account. Confirm with your password instead; passkeys work again after your next sign-in.",
      unavailable: "Your account has no passkey. Confirm with your password.",
    });
  });
}

function secondFactorProblem(
  result: SecondFactorResult,
  field: string,
  words: { wrong: string; tooMany: string; unavailable: string },
): Record<string, string> | null {
  switch (result.status) {
    case "verified":
      return null;
    case "wrong-code":
      return { [field]: words.wrong };
    case "too-many-failures":
      return { [field]: words.tooMany };
    case "rate-limited":
      return {
        [field]: `Too many codes were tried for this account. Confirm with your password, or try again in ${formatRetryAfter(result.retryAfterSeconds)}.`,
      };
    default:
      return { [field]: words.unavailable };
  }
}

/** Sudo mode: the same limits and record whichever proof is used; `prove` returns field errors or null. */
async function confirmIdentity<Input extends { next?: string }>(
  formData: FormData,
  schema: z.ZodType<Input>,
  prove: (signedIn: ActiveSession, values: Input, client: RequestContext) => Promise<Record<string, string> | null>,
): Promise<FormState> {
  const state = await guardedAction({
    formData,
    guard: "session",
    // The password prompt before setting up a second factor, so open past the two-factor deadline too.
    twoFactorSetup: true,
    schema,
    returnedFields: [],
    limits: (ip, { user }) => [
      { key: `sudo:ip:${ip}`, limit: 20, windowSeconds: 900 },
      { key: `sudo:account:${user.id}`, limit: 10, windowSeconds: 900 },
    ],
    async run(values, { context: client, signedIn: { user, session } }) {
      const problems = await prove({ user, session }, values, client);
      if (problems) return { status: "error", fieldErrors: problems };
      await enterSudoMode(session, client.ip);
      return { status: "success", values: { next: safeNextPath(values.next) } };
    },
  });
  if (state.status === "success") redirect(state.values?.next ?? "/settings/account");
  return state;
}
