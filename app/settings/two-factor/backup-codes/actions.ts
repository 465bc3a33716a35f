"use server";

import { z } from "zod";
import { requireSession } from "@/lib/auth/current-user";
import { backupCodeField } from "@/lib/backup-codes/codes";
import { confirmBackupCodesSaved } from "@/lib/backup-codes/saved";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";

/**
 * The backup codes panel reports that the user saved the set it shows, with one of its codes
 * (components/backup-codes-panel.tsx). Needs only a session: it can do no more than stop a warning.
 */
export async function confirmBackupCodesSavedAction(formData: FormData): Promise<FormState> {
  const { user } = await requireSession();
  return guardedAction({
    formData,
    schema: z.object({ code: backupCodeField }),
    keep: [],
    limits: (ip) => [
      { key: `backup-codes-saved:ip:${ip}`, limit: 30, windowSeconds: 900 },
      { key: `backup-codes-saved:account:${user.id}`, limit: 20, windowSeconds: 900 },
    ],
    async run(input) {
      if (!(await confirmBackupCodesSaved(user.id, input.code))) return { status: "error", message: "These codes have been replaced since." };
      return { status: "success" };
    },
  });
}
