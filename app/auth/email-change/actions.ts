"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { confirmEmailChange } from "@/lib/email-change/confirm";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { linkTokenField } from "@/lib/tokens/link-token";
import { emailChangeLinkProblem } from "./link-problem";

const tokenInput = z.object({ token: linkTokenField() });

export async function confirmEmailChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    guard: "session",
    schema: tokenInput,
    returnedFields: [],
    limits: (ip) => [{ key: `email-change-confirm:ip:${ip}`, limit: 30, windowSeconds: 3600 }],
    async run(input, { context: client, signedIn: { user } }) {
      const result = await confirmEmailChange(user.id, input.token, client);
      return result.status === "changed" ? { status: "success" } : { status: "error", message: emailChangeLinkProblem(result.status) };
    },
  });
  if (state.status === "success") redirect("/settings/account?notice=email-changed");
  return state;
}
