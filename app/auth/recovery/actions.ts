"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { pendingSignInToken } from "@/lib/auth/sign-in";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { formatRetryAfter } from "@/lib/rate-limit";
import { startRecoveryRequest } from "@/lib/recovery/start";
import { RECOVERY_OFF, SIGN_IN_FIRST } from "./messages";

/** "Lost access to all your second factors?": the pending sign-in proves the password. */
export async function startRecoveryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    schema: z.object({}),
    returnedFields: [],
    limits: (ip) => [{ key: `recovery-start:ip:${ip}`, limit: 10, windowSeconds: 3600 }],
    async run(_input, { context: client }) {
      const token = await pendingSignInToken();
      const pending = token ? await findPendingSignIn(token) : null;
      if (!pending) return { status: "error", message: SIGN_IN_FIRST };
      const result = await startRecoveryRequest(pending, client);
      switch (result.status) {
        case "off":
          return { status: "error", message: RECOVERY_OFF };
        case "rate-limited":
          return {
            status: "error",
            message: `Too many recovery requests for this account. Try again in ${formatRetryAfter(result.retryAfterSeconds)}, or contact the administrators.`,
          };
        default:
          return { status: "success" };
      }
    },
  });
  if (state.status === "success") redirect("/auth/recovery");
  return state;
}
