"use server";

import { z } from "zod";
import { emailField } from "@/lib/accounts/fields";
import { requestEmailChange } from "@/lib/email-change/request";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";

const newEmailInput = z.object({
  email: z.string({ error: "Enter your new email address." }).trim().min(1, "Enter your new email address.").pipe(emailField),
});

export async function requestEmailChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: "/settings/account/email" },
    schema: newEmailInput,
    returnedFields: ["email"],
    limits: (ip) => [{ key: `email-change:ip:${ip}`, limit: 20, windowSeconds: 900 }],
    async run(input, { context: client, signedIn: { user }, values }) {
      const result = await requestEmailChange(user.id, input.email, client);
      if (result.status === "same-address")
        return { status: "error", fieldErrors: { email: "That is already your email address." }, values };
      if (result.status === "rate-limited") return tooManyAttempts(result.retryAfterSeconds, values);
      // The same words whether or not the address has an account (see requestEmailChange).
      return {
        status: "success",
        message: `We sent a link to ${input.email}. Open it within 24 hours while signed in as @${user.username} to make the change. Until then, your address stays ${user.email}.`,
      };
    },
  });
}
