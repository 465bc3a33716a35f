"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { cancelRecoveryByLink } from "@/lib/recovery/close";
import { linkTokenField } from "@/lib/tokens/link-token";
import { sha256 } from "@/lib/tokens/random";
import { recoveryLinkProblem } from "../link-problem";

export async function cancelRecoveryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    schema: z.object({ token: linkTokenField() }),
    returnedFields: [],
    limits: (ip) => [{ key: `recovery-cancel:ip:${ip}`, limit: 30, windowSeconds: 3600 }],
    accountLimits: (input) => [{ key: `recovery-cancel:link:${sha256(input.token)}`, limit: 10, windowSeconds: 3600 }],
    async run(input, { context: client }) {
      const result = await cancelRecoveryByLink(input.token, client);
      return result.status === "cancelled" ? { status: "success" } : { status: "error", message: recoveryLinkProblem(result.status) };
    },
  });
  if (state.status === "success") redirect("/auth/recovery/cancel?done=1");
  return state;
}
