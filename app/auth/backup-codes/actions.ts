"use server";

import { z } from "zod";
import { claimDeliveredBackupCodes } from "@/lib/backup-codes/delivery";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { linkTokenField } from "@/lib/tokens/link-token";

const PROBLEMS = {
  unknown: "This link is not valid. It may have been replaced by a newer one.",
  expired: "This link has expired. Ask the administrators for a new one.",
  used: "These codes were already shown once and cannot be shown again. Generate a new set in your settings.",
  "other-account": "This link is for another account. Sign out and sign in as the account it was sent to.",
};

export async function revealDeliveredCodesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: "session",
    schema: z.object({ token: linkTokenField() }),
    returnedFields: [],
    limits: (ip, { user }) => [
      { key: `codes-delivery:ip:${ip}`, limit: 20, windowSeconds: 3600 },
      { key: `codes-delivery:account:${user.id}`, limit: 10, windowSeconds: 3600 },
    ],
    async run(input, { signedIn: { user } }) {
      const result = await claimDeliveredBackupCodes(user.id, input.token);
      return result.status === "delivered"
        ? { status: "success", codes: result.codes }
        : { status: "error", message: PROBLEMS[result.status] };
    },
  });
}
