"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { confirmEmail, resendConfirmation } from "@/lib/accounts/confirm-email";
import { emailField } from "@/lib/accounts/fields";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { linkTokenField } from "@/lib/tokens/link-token";
import { sha256 } from "@/lib/tokens/random";
import { tokenProblem } from "./token-problem";

const tokenInput = z.object({ token: linkTokenField() });

export async function confirmEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    schema: tokenInput,
    returnedFields: [],
    limits: (ip) => [{ key: `confirm:ip:${ip}`, limit: 30, windowSeconds: 3600 }],
    accountLimits: (input) => [{ key: `confirm:token:${sha256(input.token)}`, limit: 10, windowSeconds: 3600 }],
    async run(input, { context: client }) {
      const status = await confirmEmail(input.token, client.ip);
      return status === "valid" ? { status: "success" } : { status: "error", message: tokenProblem(status) };
    },
  });
  if (state.status === "success") redirect("/auth/sign-in?notice=confirmed");
  return state;
}

export async function resendConfirmationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({ email: emailField }),
    returnedFields: ["email"],
    limits: (ip) => [{ key: `confirm-resend:ip:${ip}`, limit: 10, windowSeconds: 3600 }],
    accountLimits: (input) => [{ key: `confirm-resend:account:${input.email}`, limit: 5, windowSeconds: 1800 }],
    async run(input, { values }) {
      await resendConfirmation(input.email);
      return {
        status: "success",
        message: "If an unconfirmed account uses this address, a new confirmation link is on its way. Earlier links no longer work.",
        values,
      };
    },
  });
}
