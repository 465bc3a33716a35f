"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requireSession } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/next-path";
import { db } from "@/lib/db/client";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { verifyPassword } from "@/lib/passwords/hashing";
import { consumeRateLimits } from "@/lib/rate-limit";
import { enterSudoMode } from "@/lib/sessions/sudo";

const input = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(4096, "That password is not right."),
  next: z.string().max(2000).optional(),
});

export async function confirmPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, session } = await requireSession();
  const state = await guardedAction({
    formData,
    schema: input,
    keep: [],
    limits: (ip) => [{ key: `sudo:ip:${ip}`, limit: 20, windowSeconds: 900 }],
    async run(values, client) {
      const limited = await consumeRateLimits([{ key: `sudo:account:${user.id}`, limit: 10, windowSeconds: 900 }]);
      if (!limited.allowed) return tooManyAttempts(limited.retryAfterSeconds);
      if (!(await verifyPassword(values.password, user.passwordHash))) {
        return { status: "error", fieldErrors: { password: "That password is not right." } };
      }
      await enterSudoMode(session.id);
      await recordAudit(db(), { action: "sudo.entered", actorId: user.id, targetUserId: user.id, ip: client.ip });
      return { status: "success", values: { next: safeNextPath(values.next) } };
    },
  });
  if (state.status === "success") redirect(state.values?.next ?? "/settings/account");
  return state;
}
