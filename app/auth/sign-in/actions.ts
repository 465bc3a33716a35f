"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { verifyCredentials } from "@/lib/auth/credentials";
import { safeNextPath } from "@/lib/auth/next-path";
import { signInAccountLimits } from "@/lib/auth/sign-in-limits";
import { beginSecondStep, grantSignIn } from "@/lib/auth/sign-in";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";

const signInInput = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(254, "Invalid email or password."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(4096, "Invalid email or password."),
  next: z.string().max(2000).optional(),
});

const INVALID = "Invalid email or password.";

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
      if (user.passwordResetRequiredAt) {
        return {
          status: "error",
          message:
            "This account was locked down with \u201cThis wasn't me\u201d. Choose a new password with the link we emailed, or with \u201cForgot password?\u201d, then sign in.",
          values,
        };
      }
      if (user.twoFactorEnabledAt) {
        await beginSecondStep(user, client);
        redirect(`/auth/two-factor?next=${encodeURIComponent(safeNextPath(input.next))}`);
      }
      await grantSignIn(user, client, "password");
      return { status: "success" };
    },
  });
}
