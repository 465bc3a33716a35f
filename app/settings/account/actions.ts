"use server";

import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { changePassword } from "@/lib/passwords/change";
import { changePasswordInput } from "@/lib/passwords/input";

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: "session",
    schema: changePasswordInput,
    returnedFields: [],
    limits: (ip, { user }) => [
      { key: `password-change:ip:${ip}`, limit: 20, windowSeconds: 900 },
      { key: `password-change:account:${user.id}`, limit: 10, windowSeconds: 900 },
    ],
    async run(input, { context: client, signedIn: { user, session } }) {
      const result = await changePassword(user.id, input.currentPassword, input.newPassword, session.id, client);
      if (!result.ok) return { status: "error", fieldErrors: { [result.field]: result.message } };
      return { status: "success", message: "Your password was changed. Other sessions were signed out." };
    },
  });
}
