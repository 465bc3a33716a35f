"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { findPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { forgetPendingSignIn, grantSignIn, pendingSignInToken } from "@/lib/auth/sign-in";
import { backupCodeField } from "@/lib/backup-codes/codes";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, guardedCall, tooManyAttempts } from "@/lib/forms/guarded-action";
import { keySignInOptions } from "@/lib/security-keys/authentication";
import { authenticationResponseField } from "@/lib/security-keys/responses";
import { emailCodeField, EMAIL_CODE_MINUTES, sendEmailCode } from "@/lib/two-factor/email-code";
import { totpCodeField } from "@/lib/two-factor/totp";
import { secondFactorMethodName, verifySecondFactor, type SecondFactorInput, type SecondFactorMethod } from "@/lib/two-factor/verify";
import { formatRetryAfter } from "@/lib/rate-limit";

const RESTART: FormState = {
  status: "error",
  message: "This sign-in has expired. Sign in again with your password.",
  fieldErrors: { restart: "yes" },
};

const ipLimits = (ip: string) => [{ key: `second-factor:ip:${ip}`, limit: 30, windowSeconds: 300 }];

/** The methods of the second step (a passkey answers there as a security key). */
type SecondStepMethod = Exclude<SecondFactorMethod, "passkey">;

/** What each method's form sends, and what a wrong answer says next to its field. */
const FORMS: { [M in SecondStepMethod]: { schema: z.ZodType<SecondFactorInput<M>>; field: string; wrongAnswer: string } } = {
  authenticator: {
    schema: z.object({ code: totpCodeField }),
    field: "code",
    wrongAnswer: "That code did not work. Enter the code your authenticator app shows now, and check that your phone's clock is right.",
  },
  "backup-code": {
    schema: z.object({ code: backupCodeField }),
    field: "code",
    wrongAnswer: "That backup code did not work. Each code works once; check that you typed it from your latest set.",
  },
  "email-code": {
    schema: z.object({ code: emailCodeField }),
    field: "code",
    wrongAnswer: "That code did not work. Use the code from the latest email: each works once, for this sign-in only.",
  },
  "security-key": {
    schema: z.object({ response: authenticationResponseField }),
    field: "key",
    wrongAnswer: "That security key was not accepted. Use a key you added to this account, or choose another method.",
  },
};

export async function verifyAuthenticatorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep("authenticator", formData);
}

export async function verifyBackupCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep("backup-code", formData);
}

export async function verifyEmailCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep("email-code", formData);
}

export async function verifySecurityKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep("security-key", formData);
}

/** Emails a code for this sign-in. */
export async function sendEmailCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({}),
    returnedFields: [],
    // Its own bucket: sending codes must not use up the guesses counted in ipLimits.
    limits: (ip) => [{ key: `email-code-send:ip:${ip}`, limit: 10, windowSeconds: 300 }],
    async run() {
      const pending = await currentPendingSignIn();
      if (!pending) return RESTART;
      const sent = await sendEmailCode(pending);
      switch (sent.status) {
        case "ended":
          return RESTART;
        case "unavailable":
          return { status: "error", message: "Codes by email are not available for this account. Choose another method." };
        case "just-sent":
          return {
            status: "error",
            message: `A code was sent a moment ago. Check your inbox and spam folder, or ask again in ${formatRetryAfter(sent.retryAfterSeconds)}.`,
          };
        case "too-many":
          return {
            status: "error",
            message: `Too many codes were sent for this account. Use another method, or try again in ${formatRetryAfter(sent.retryAfterSeconds)}.`,
          };
      }
      return { status: "success", message: `We emailed you a code. It works for ${EMAIL_CODE_MINUTES} minutes.` };
    },
  });
}

export type KeyOptionsResult = { status: "ready"; options: PublicKeyCredentialRequestOptionsJSON } | FormState;

/** The challenge for the account's security keys, bound to this pending sign-in. */
export async function securityKeyOptionsAction(): Promise<KeyOptionsResult> {
  return guardedCall({
    limits: (ip) => [{ key: `security-key-options:ip:${ip}`, limit: 30, windowSeconds: 300 }],
    async run(): Promise<KeyOptionsResult> {
      const pending = await currentPendingSignIn();
      if (!pending) return RESTART;
      const options = await keySignInOptions(pending);
      if (options === "ended") return RESTART;
      if (!options) return { status: "error", message: "This account has no security key. Choose another method." };
      return { status: "ready", options };
    },
  });
}

async function currentPendingSignIn(): Promise<PendingSignIn | null> {
  const token = await pendingSignInToken();
  return token ? findPendingSignIn(token) : null;
}

async function verifySecondStep<M extends SecondStepMethod>(method: M, formData: FormData): Promise<FormState> {
  const form = FORMS[method];
  return guardedAction({
    formData,
    schema: form.schema,
    returnedFields: [],
    limits: ipLimits,
    async run(input, { context: client }) {
      const pendingToken = await pendingSignInToken();
      if (!pendingToken) return RESTART;
      const result = await verifySecondFactor({ method, input, context: { place: "sign-in", pendingToken, client } });
      switch (result.status) {
        case "verified":
          await forgetPendingSignIn();
          await grantSignIn(result.user, client, `password and ${secondFactorMethodName(method)}`);
          return { status: "success" };
        case "wrong-code": {
          const left = result.attemptsLeft === 1 ? "1 try left" : `${result.attemptsLeft} tries left`;
          return { status: "error", fieldErrors: { [form.field]: `${form.wrongAnswer} ${left} before you need to sign in again.` } };
        }
        case "no-email-code":
          return { status: "error", fieldErrors: { [form.field]: "Send yourself a code first, with the “Email me a code” button." } };
        case "email-code-expired":
          return {
            status: "error",
            fieldErrors: { [form.field]: `That code has expired: codes work for ${EMAIL_CODE_MINUTES} minutes. Send yourself a new one.` },
          };
        case "unavailable":
          return { status: "error", fieldErrors: { [form.field]: "This account does not use this method. Choose another one." } };
        case "rate-limited":
          return tooManyAttempts(result.retryAfterSeconds);
        case "too-many-failures":
          await forgetPendingSignIn();
          return { ...RESTART, message: "Too many failed attempts. For your safety, sign in again with your password." };
        case "expired":
          await forgetPendingSignIn();
          return RESTART;
      }
    },
  });
}
