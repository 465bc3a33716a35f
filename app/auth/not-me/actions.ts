"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { lockDownAccount } from "@/lib/lockdown/lock-down";
import { linkTokenField } from "@/lib/tokens/link-token";
import { sha256 } from "@/lib/tokens/random";
import { lockdownLinkProblem } from "./link-problem";

export async function lockDownAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    schema: z.object({ token: linkTokenField() }),
    returnedFields: [],
    limits: (ip) => [{ key: `lockdown:ip:${ip}`, limit: 30, windowSeconds: 3600 }],
    accountLimits: (input) => [{ key: `lockdown:link:${sha256(input.token)}`, limit: 10, windowSeconds: 3600 }],
    async run(input, { context: client }) {
      const result = await lockDownAccount(input.token, client);
      return result.status === "locked" ? { status: "success" } : { status: "error", message: lockdownLinkProblem(result.status) };
    },
  });
  if (state.status === "success") redirect("/auth/not-me?done=1");
  return state;
}
