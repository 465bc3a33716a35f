"use server";

import { z } from "zod";
import { forgetPendingSignIn, grantSignIn, pendingSignInToken } from "@/lib/auth/sign-in";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { acceptAuthenticatorCode } from "@/lib/two-factor/authenticator";
import { completeSecondStep } from "@/lib/two-factor/second-step";
import { totpCodeField } from "@/lib/two-factor/totp";

const RESTART: FormState = {
  status: "error",
  message: "This sign-in has expired. Sign in again with your password.",
  fieldErrors: { restart: "yes" },
};

export async function verifyAuthenticatorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({ code: totpCodeField }),
    keep: [],
    limits: (ip) => [{ key: `second-factor:ip:${ip}`, limit: 30, windowSeconds: 300 }],
    async run(input, client) {
      const token = await pendingSignInToken();
      if (!token) return RESTART;
      const result = await completeSecondStep({
        pendingToken: token,
        method: "authenticator",
        ip: client.ip,
        check: (user) => acceptAuthenticatorCode(user, input.code),
      });
      switch (result.status) {
        case "signed-in":
          await forgetPendingSignIn();
          await grantSignIn(result.user, client);
          return { status: "success" };
        case "wrong-code":
          return {
            status: "error",
            fieldErrors: {
              code: `That code did not work. Enter the code your authenticator app shows now, and check that your phone's clock is right. ${
                result.attemptsLeft === 1 ? "1 try left" : `${result.attemptsLeft} tries left`
              } before you need to sign in again.`,
            },
          };
        case "rate-limited":
          return tooManyAttempts(result.retryAfterSeconds);
        case "too-many-failures":
          await forgetPendingSignIn();
          return { ...RESTART, message: "Too many wrong codes. For your safety, sign in again with your password." };
        case "expired":
          await forgetPendingSignIn();
          return RESTART;
      }
    },
  });
}
