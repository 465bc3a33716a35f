"use server";

import { requireSession } from "@/lib/auth/current-user";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { changePassword } from "@/lib/password-reset/change";
import { changePasswordInput } from "@/lib/password-reset/input";
import { consumeRateLimits } from "@/lib/rate-limit";

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, session } = await requireSession();
  return guardedAction({
    formData,
    schema: changePasswordInput,
    keep: [],
    limits: (ip) => [{ key: `password-change:ip:${ip}`, limit: 20, windowSeconds: 900 }],
    async run(input, client) {
      const limited = await consumeRateLimits([{ key: `password-change:account:${user.id}`, limit: 10, windowSeconds: 900 }]);
      if (!limited.allowed) return tooManyAttempts(limited.retryAfterSeconds);
      const result = await changePassword(user.id, input.currentPassword, input.newPassword, session.id, client.ip);
      if (!result.ok) return { status: "error", fieldErrors: { [result.field]: result.message } };
      return { status: "success", message: "Your password was changed. Other sessions were signed out." };
    },
  });
}
