"use server";

import { signUp } from "@/lib/accounts/sign-up";
import { signUpInput } from "@/lib/accounts/sign-up-input";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: signUpInput,
    returnedFields: ["email", "username"],
    limits: (ip) => [{ key: `sign-up:ip:${ip}`, limit: 10, windowSeconds: 3600 }],
    // Counted for any address, taken or not, so the limit itself reveals nothing.
    accountLimits: (input) => [{ key: `sign-up:account:${input.email}`, limit: 5, windowSeconds: 3600 }],
    async run(input, { context: client, values }) {
      const result = await signUp({ ...input, ip: client.ip });
      if (!result.ok) return { status: "error", fieldErrors: { [result.field]: result.message }, values };
      return { status: "success", values: { email: input.email } };
    },
  });
}
