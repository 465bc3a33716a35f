"use server";

import { z } from "zod";
import { backupCodeField } from "@/lib/backup-codes/codes";
import { confirmBackupCodesSaved } from "@/lib/backup-codes/saved";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";

/**
 * The backup codes panel reports that the user saved the set it shows, with one of its codes
 * (backup-codes-panel.tsx, beside this file). Needs only a session: it can do no more than stop a warning.
 */
export async function confirmBackupCodesSavedAction(formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: "session",
    schema: z.object({ code: backupCodeField }),
    returnedFields: [],
    limits: (ip, { user }) => [
      { key: `backup-codes-saved:ip:${ip}`, limit: 30, windowSeconds: 900 },
      { key: `backup-codes-saved:account:${user.id}`, limit: 20, windowSeconds: 900 },
    ],
    async run(input, { signedIn: { user } }) {
      if (!(await confirmBackupCodesSaved(user.id, input.code)))
        return { status: "error", message: "These codes have been replaced since." };
      return { status: "success" };
    },
  });
}
