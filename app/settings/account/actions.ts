"use server";

import { revalidatePath } from "next/cache";
import { colorSchemeInput } from "@/lib/appearance/color-scheme";
import { setColorScheme } from "@/lib/appearance/preference";
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

export async function setColorSchemeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: "session",
    schema: colorSchemeInput,
    returnedFields: [],
    limits: (ip, { user }) => [
      { key: `color-scheme:ip:${ip}`, limit: 60, windowSeconds: 900 },
      { key: `color-scheme:account:${user.id}`, limit: 30, windowSeconds: 900 },
    ],
    async run(input, { signedIn: { user } }) {
      await setColorScheme(user.id, input.colorScheme);
      // Every page's <html> carries the theme (app/layout.tsx): render the layout again, not only this page.
      revalidatePath("/", "layout");
      return { status: "success", message: "Saved. Pages now use this appearance on every device you sign in on." };
    },
  });
}
