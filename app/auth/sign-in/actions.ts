"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { PASSKEY_SIGN_IN } from "@/lib/audit/describe";
import { verifyCredentials } from "@/lib/auth/credentials";
import { nextPathField, safeNextPath } from "@/lib/auth/next-path";
import { signInAccountLimits } from "@/lib/auth/sign-in-limits";
import { beginSecondStep, grantSignIn, presentedDeviceId } from "@/lib/auth/sign-in";
import { takePasskeyBinding } from "@/lib/passkeys/challenge";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { signInWithPasskey } from "@/lib/passkeys/sign-in";
import { authenticationResponseField } from "@/lib/security-keys/responses";

const signInInput = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(254, "Invalid email or password."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(4096, "Invalid email or password."),
  next: nextPathField,
});

const INVALID = "Invalid email or password.";
const LOCKED_DOWN =
  "This account was locked down with \u201cThis wasn't me\u201d. Choose a new password with the link we emailed, or with \u201cForgot password?\u201d, then sign in.";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: signInInput,
    returnedFields: ["email"],
    limits: (ip) => [{ key: `sign-in:ip:${ip}`, limit: 30, windowSeconds: 300 }],
    accountLimits: (input) => signInAccountLimits(input.email),
    async run(input, { context: client, values }) {
      const user = await verifyCredentials(input.email, input.password);
      if (!user) return { status: "error", message: INVALID, values };
      if (!user.emailConfirmedAt) {
        return {
          status: "error",
          message: "Confirm your email address first: open the link we sent you.",
          fieldErrors: { confirmation: "needed" },
          values,
        };
      }
      if (user.passwordResetRequiredAt) return { status: "error", message: LOCKED_DOWN, values };
      if (user.twoFactorEnabledAt) {
        await beginSecondStep(user, client);
        redirect(`/auth/two-factor?next=${encodeURIComponent(safeNextPath(input.next))}`);
      }
      await grantSignIn(user, client, "password");
      return { status: "success" };
    },
  });
}

const PASSKEY_PROBLEMS = {
  expired: "That took too long, or the page was opened again elsewhere. Try again.",
  "unknown-passkey":
    "This passkey does not belong to an account here. Sign in with your password, then add the passkey in Preferences > Two-factor Authentication.",
  refused:
    "That passkey was not accepted. Use a passkey for this site that asks for your fingerprint, face or PIN, or sign in with your password.",
  cloned:
    "That passkey was refused: it may have been copied (its signature counter did not grow). Its owner was emailed. Sign in with your password.",
  forbidden: "This server does not allow passkeys. Sign in with your password.",
  "locked-down": LOCKED_DOWN,
};

/**
 * A passwordless sign-in: both factors in one user-verified passkey signature. Attempts count on the
 * sign-in form's limit by address here, and on the account's in lib/passkeys/sign-in.ts.
 */
export async function signInWithPasskeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({ response: authenticationResponseField, next: nextPathField }),
    returnedFields: [],
    limits: (ip) => [{ key: `sign-in:ip:${ip}`, limit: 30, windowSeconds: 300 }],
    async run(input, { context: client }) {
      const result = await signInWithPasskey({
        binding: await takePasskeyBinding(),
        response: input.response,
        client: { ...client, deviceId: await presentedDeviceId() },
      });
      switch (result.status) {
        case "signed-in":
          await grantSignIn(result.user, client, PASSKEY_SIGN_IN);
          return { status: "success" };
        case "rate-limited":
          return tooManyAttempts(result.retryAfterSeconds);
        default:
          return { status: "error", fieldErrors: { key: PASSKEY_PROBLEMS[result.status] } };
      }
    },
  });
}
