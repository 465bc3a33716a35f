"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeAccountEmail, confirmAccount } from "@/lib/admin/account-changes";
import { AdminActionError } from "@/lib/admin/actor";
import type { RequestContext } from "@/lib/request/context";
import { sendPasswordResetForUser } from "@/lib/admin/send-password-reset";
import { disableTwoFactorForUser, regenerateBackupCodesForUser } from "@/lib/admin/two-factor";
import { setTwoFactorRequiredForAccount } from "@/lib/admin/two-factor-requirement";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { totpCodeField } from "@/lib/two-factor/totp";
import { verifySecondFactor, type SecondFactorResult } from "@/lib/two-factor/verify";

const target = z.object({ userId: z.string({ error: "No account was chosen." }).min(1).max(64), code: totpCodeField });
const newEmail = target.extend({ email: z.string({ error: "Enter the new email address." }).max(1000, "That is not an email address.") });

/**
 * Every action on another account: the admin's role (checked here, not by the page), then a fresh
 * code from the admin's own authenticator app, then the same lib/admin function the command line
 * calls, which checks the admin may act on that account.
 */
async function staffAction<Input extends z.infer<typeof target>>(
  formData: FormData,
  schema: z.ZodType<Input>,
  successMessage: string,
  applyChange: (input: Input, by: RequestContext) => Promise<void>,
): Promise<FormState> {
  return guardedAction({
    formData,
    guard: "admin",
    schema,
    returnedFields: ["email"],
    // The admin's own code is checked here: its guesses are limited per admin as well as per address,
    // on top of the admin's second-factor counter.
    limits: (ip, { user: admin }) => [
      { key: `admin:ip:${ip}`, limit: 60, windowSeconds: 900 },
      { key: `admin:account:${admin.id}`, limit: 30, windowSeconds: 900 },
    ],
    async run(input, { context: client, signedIn: { user: admin }, values }) {
      const proof = await verifySecondFactor({
        method: "authenticator",
        input: { code: input.code },
        context: { place: "admin-action", userId: admin.id, client },
      });
      const refused = adminCodeProblem(proof);
      if (refused) return { ...refused, values };
      try {
        await applyChange(input, client);
      } catch (error) {
        if (error instanceof AdminActionError) return { status: "error", message: error.message.replace(/^email: /, ""), values };
        throw error;
      }
      return { status: "success", message: successMessage };
    },
  });
}

/** The admin's own code, counted on the admin's one second-factor counter like anywhere else. */
function adminCodeProblem(proof: SecondFactorResult): FormState | null {
  switch (proof.status) {
    case "verified":
      return null;
    case "wrong-code":
      return { status: "error", fieldErrors: { code: "That code did not work. Enter the code your authenticator app shows now." } };
    case "too-many-failures":
      return {
        status: "error",
        fieldErrors: { code: "Too many wrong codes in a row for your account. Sign out and sign in again to get new tries." },
      };
    case "rate-limited":
      return tooManyAttempts(proof.retryAfterSeconds);
    default:
      return { status: "error", message: "Set up an authenticator app on your own account first." };
  }
}

export async function regenerateCodesAction(_previous: FormState, formData: FormData) {
  return staffAction(
    formData,
    target,
    "New backup codes were generated. The user was emailed a link to see them; you will not see them.",
    (input, by) => regenerateBackupCodesForUser(input.userId, by),
  );
}

export async function disableTwoFactorAction(_previous: FormState, formData: FormData) {
  return staffAction(
    formData,
    target,
    "Two-factor authentication is off for this account, its sessions ended, and the user was emailed.",
    (input, by) => disableTwoFactorForUser(input.userId, by),
  );
}

export async function changeEmailAction(_previous: FormState, formData: FormData) {
  return staffAction(formData, newEmail, "The email address was changed; the old address was told.", (input, by) =>
    changeAccountEmail(input.userId, input.email, by),
  );
}

export async function confirmAccountAction(_previous: FormState, formData: FormData) {
  return staffAction(formData, target, "The account is confirmed.", (input, by) => confirmAccount(input.userId, by));
}

export async function sendPasswordResetAction(_previous: FormState, formData: FormData) {
  return staffAction(formData, target, "A password reset link was sent to the user.", (input, by) =>
    sendPasswordResetForUser(input.userId, by),
  );
}

export async function requireTwoFactorAction(_previous: FormState, formData: FormData) {
  return staffAction(
    formData,
    target,
    "Two-factor authentication is now required for this account. Without it, the user was emailed a deadline.",
    async (input, by) => {
      await setTwoFactorRequiredForAccount(input.userId, true, by);
      revalidatePath(`/admin/users/${input.userId}`);
    },
  );
}

export async function stopRequiringTwoFactorAction(_previous: FormState, formData: FormData) {
  return staffAction(
    formData,
    target,
    "This account no longer requires two-factor authentication by itself (the server's policy may still require it).",
    async (input, by) => {
      await setTwoFactorRequiredForAccount(input.userId, false, by);
      revalidatePath(`/admin/users/${input.userId}`);
    },
  );
}
