"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { safeNextPath } from "@/lib/auth/next-path";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { verifyPassword } from "@/lib/passwords/hashing";
import { formatRetryAfter } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request/context";
import type { ActiveSession } from "@/lib/sessions/sessions";
import { enterSudoMode } from "@/lib/sessions/sudo";
import { totpCodeField } from "@/lib/two-factor/totp";
import { verifySecondFactor } from "@/lib/two-factor/verify";

const input = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(4096, "That password is not right."),
  next: z.string().max(2000).optional(),
});

const codeInput = z.object({ code: totpCodeField, next: z.string().max(2000).optional() });

export async function confirmPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return confirmIdentity(formData, input, async (user, values) =>
    (await verifyPassword(values.password, user.passwordHash)) ? null : { password: "That password is not right." },
  );
}

/**
 * Some people prefer their app to their password here; a code is as fresh a proof (and works once).
 * It is a second factor like any other: it counts on the account's one failure counter, and a wrong
 * one is audited and emailed. The password path above resets nothing on that counter.
 */
export async function confirmWithAuthenticatorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return confirmIdentity(formData, codeInput, async (user, values, client) => {
    const result = await verifySecondFactor({
      method: "authenticator",
      input: { code: values.code },
      context: { place: "sudo", userId: user.id, client },
    });
    switch (result.status) {
      case "verified":
        return null;
      case "wrong-code":
        return { code: "That code did not work. Enter the code your app shows now." };
      case "too-many-failures":
        return {
          code: "Too many wrong codes in a row for this account. Confirm with your password instead; codes work again after your next sign-in.",
        };
      case "rate-limited":
        return {
          code: `Too many codes were tried for this account. Confirm with your password, or try again in ${formatRetryAfter(result.retryAfterSeconds)}.`,
        };
      default:
        return { code: "Your account has no authenticator app. Confirm with your password." };
    }
  });
}

/** Sudo mode: the same limits and record whichever proof is used; `prove` returns field errors or null. */
async function confirmIdentity<Input extends { next?: string }>(
  formData: FormData,
  schema: z.ZodType<Input>,
  prove: (user: ActiveSession["user"], values: Input, client: RequestContext) => Promise<Record<string, string> | null>,
): Promise<FormState> {
  const state = await guardedAction({
    formData,
    guard: "session",
    // The password prompt before setting up a second factor, so open past the two-factor deadline too.
    twoFactorSetup: true,
    schema,
    returnedFields: [],
    limits: (ip, { user }) => [
      { key: `sudo:ip:${ip}`, limit: 20, windowSeconds: 900 },
      { key: `sudo:account:${user.id}`, limit: 10, windowSeconds: 900 },
    ],
    async run(values, { context: client, signedIn: { user, session } }) {
      const problems = await prove(user, values, client);
      if (problems) return { status: "error", fieldErrors: problems };
      await enterSudoMode(session, client.ip);
      return { status: "success", values: { next: safeNextPath(values.next) } };
    },
  });
  if (state.status === "success") redirect(state.values?.next ?? "/settings/account");
  return state;
}
