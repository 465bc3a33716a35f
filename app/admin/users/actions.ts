"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeAccountEmail, confirmAccount } from "@/lib/admin/account-changes";
import { AdminActionError } from "@/lib/admin/actor";
import { decideRecoveryRequestFor } from "@/lib/admin/recovery";
import type { RequestContext } from "@/lib/request/context";
import { sendPasswordResetForUser } from "@/lib/admin/send-password-reset";
import { disableTwoFactorForUser, regenerateBackupCodesForUser } from "@/lib/admin/two-factor";
import { setTwoFactorRequiredForAccount } from "@/lib/admin/two-factor-requirement";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, guardedCall, tooManyAttempts } from "@/lib/forms/guarded-action";
import { passkeyConfirmationOptions } from "@/lib/passkeys/confirmation";
import { authenticationResponseField } from "@/lib/security-keys/responses";
import { totpCodeField } from "@/lib/two-factor/totp";
import { verifySecondFactor, type SecondFactorResult } from "@/lib/two-factor/verify";

/** The admin confirms with a code from their app, or (when `response` is sent) with one of their passkeys. */
const target = z.object({
  userId: z.string({ error: "No account was chosen." }).min(1).max(64),
  code: z.string().max(100).optional(),
  response: z.string().max(65_536).optional(),
});

const adminLimits = (ip: string, admin: { id: string }) => [
  { key: `admin:ip:${ip}`, limit: 60, windowSeconds: 900 },
  { key: `admin:account:${admin.id}`, limit: 30, windowSeconds: 900 },
];
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
    limits: (ip, { user: admin }) => adminLimits(ip, admin),
    async run(input, { context: client, signedIn: { user: admin, session }, values }) {
      const context = { place: "admin-action", userId: admin.id, sessionId: session.id, client } as const;
      let refused: FormState | null;
      if (input.response !== undefined) {
        const response = authenticationResponseField.safeParse(input.response);
        if (!response.success) return { status: "error", fieldErrors: { key: response.error.issues[0]?.message ?? "" }, values };
        refused = adminProofProblem(await verifySecondFactor({ method: "passkey", input: { response: response.data }, context }), "key");
      } else {
        const code = totpCodeField.safeParse(input.code ?? "");
        if (!code.success) return { status: "error", fieldErrors: { code: code.error.issues[0]?.message ?? "" }, values };
        refused = adminProofProblem(await verifySecondFactor({ method: "authenticator", input: { code: code.data }, context }), "code");
      }
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

/** The admin's own code or passkey, counted on the admin's one second-factor counter like anywhere else. */
function adminProofProblem(proof: SecondFactorResult, field: "code" | "key"): FormState | null {
  switch (proof.status) {
    case "verified":
      return null;
    case "wrong-code":
      return {
        status: "error",
        fieldErrors: {
          [field]:
            field === "code"
              ? "That code did not work. Enter the code your authenticator app shows now."
              : "That passkey was not accepted. Use one of your own passkeys, unlocked with your fingerprint, face or PIN.",
        },
      };
    case "too-many-failures":
      return {
        status: "error",
        fieldErrors: { [field]: "Too many wrong codes in a row for your account. Sign out and sign in again to get new tries." },
      };
    case "rate-limited":
      return tooManyAttempts(proof.retryAfterSeconds);
    default:
      return {
        status: "error",
        message: field === "code" ? "Set up an authenticator app on your own account first." : "Add a passkey to your own account first.",
      };
  }
}

/** The challenge for the admin's own passkey, kept on the admin's session. */
export async function adminPasskeyOptionsAction(): Promise<
  { status: "ready"; options: PublicKeyCredentialRequestOptionsJSON } | FormState
> {
  return guardedCall({
    guard: "admin",
    limits: (ip, { user: admin }) => adminLimits(ip, admin),
    async run({ signedIn: { user: admin, session } }) {
      const options = await passkeyConfirmationOptions(admin.id, session.id);
      return options
        ? { status: "ready" as const, options }
        : { status: "error" as const, fieldErrors: { key: "Add a passkey to your own account first." } };
    },
  });
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
  return staffAction(formData, target, "The account is confirmed. Its address was sent a link to choose a password.", (input, by) =>
    confirmAccount(input.userId, by),
  );
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

export async function approveRecoveryAction(_previous: FormState, formData: FormData) {
  return staffAction(
    formData,
    target,
    "The recovery request is approved: the user can finish it now, and was emailed.",
    async (input, by) => {
      await decideRecoveryRequestFor(input.userId, "approve", by);
      revalidatePath(`/admin/users/${input.userId}`);
    },
  );
}

export async function denyRecoveryAction(_previous: FormState, formData: FormData) {
  return staffAction(formData, target, "The recovery request is denied, and the user was emailed.", async (input, by) => {
    await decideRecoveryRequestFor(input.userId, "deny", by);
    revalidatePath(`/admin/users/${input.userId}`);
  });
}
