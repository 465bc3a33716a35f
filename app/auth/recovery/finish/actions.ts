"use server";

import { z } from "zod";
import { forgetPendingSignIn, grantSignIn, pendingSignInToken } from "@/lib/auth/sign-in";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { finishRecovery } from "@/lib/two-factor/finish-recovery";
import { linkTokenField } from "@/lib/tokens/link-token";
import { sha256 } from "@/lib/tokens/random";
import { finishProblem } from "./finish-problem";

export async function finishRecoveryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({ token: linkTokenField() }),
    returnedFields: [],
    limits: (ip) => [{ key: `recovery-finish:ip:${ip}`, limit: 30, windowSeconds: 3600 }],
    accountLimits: (input) => [{ key: `recovery-finish:link:${sha256(input.token)}`, limit: 10, windowSeconds: 3600 }],
    async run(input, { context: client }) {
      const result = await finishRecovery(input.token, await pendingSignInToken(), client);
      if (result.status !== "finished") return { status: "error", message: finishProblem(result) };
      await forgetPendingSignIn();
      await grantSignIn(result.user, client, "password and recovery link");
      return { status: "success" };
    },
  });
}
