"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { emailField } from "@/lib/accounts/fields";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { resetPasswordInput } from "@/lib/passwords/input";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { resetPassword } from "@/lib/password-reset/reset";
import { sha256 } from "@/lib/tokens/random";
import { resetLinkProblem } from "./token-problem";

const RESET_REQUESTED = "If an account uses this address, we sent it a link to choose a new password. The link works for one hour.";

export async function requestPasswordResetAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({ email: emailField }),
    returnedFields: ["email"],
    limits: (ip) => [{ key: `password-reset-request:ip:${ip}`, limit: 20, windowSeconds: 3600 }],
    // Counted for any address, registered or not, so the limit itself reveals nothing.
    accountLimits: (input) => [{ key: `password-reset-request:account:${input.email}`, limit: 5, windowSeconds: 1800 }],
    async run(input, { context: client, values }) {
      await requestPasswordReset(input.email, client.ip);
      return { status: "success", message: RESET_REQUESTED, values };
    },
  });
}

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    schema: resetPasswordInput,
    returnedFields: [],
    limits: (ip) => [{ key: `password-reset:ip:${ip}`, limit: 30, windowSeconds: 3600 }],
    // A link belongs to one account: its digest keys that account's attempts without naming it.
    accountLimits: (input) => [{ key: `password-reset:token:${sha256(input.token)}`, limit: 10, windowSeconds: 3600 }],
    async run(input, { context: client }): Promise<FormState> {
      const result = await resetPassword(input.token, input.password, client);
      if (result.status === "done") return { status: "success" };
      if (result.status === "weak") return { status: "error", fieldErrors: { password: result.message } };
      return { status: "error", message: resetLinkProblem(result.status), fieldErrors: { token: result.status } };
    },
  });
  if (state.status === "success") redirect("/auth/sign-in?notice=password-reset");
  return state;
}
