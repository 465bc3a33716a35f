"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { config } from "@/lib/config";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { disableTwoFactor } from "@/lib/two-factor/disable";
import { setEmailCodes } from "@/lib/two-factor/email-codes-setting";
import { regenerateBackupCodes } from "@/lib/backup-codes/regenerate";
import { setCheckupEmails } from "@/lib/backup-codes/checkup";
import { backupCodeField } from "@/lib/backup-codes/codes";
import { confirmAuthenticatorSetup } from "@/lib/two-factor/setup";
import { totpCodeField } from "@/lib/two-factor/totp";
import { verifySecondFactor } from "@/lib/two-factor/verify";
import { isTwoFactorRequired } from "@/lib/two-factor-policy/requirement";

const codeInput = z.object({ code: totpCodeField });
const limits = (ip: string) => [{ key: `two-factor-settings:ip:${ip}`, limit: 30, windowSeconds: 900 }];

/** After five wrong codes in a row, anywhere: only a new sign-in with the password gives new tries. */
const TOO_MANY_WRONG_CODES: FormState = {
  status: "error",
  fieldErrors: { code: "Too many wrong codes in a row for this account. Sign out and sign in again to get new tries." },
};

export async function confirmSetupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: "/settings/two-factor/setup" },
    twoFactorSetup: true,
    schema: codeInput,
    returnedFields: [],
    limits: (ip, { user }) => [...limits(ip), { key: `two-factor-setup:account:${user.id}`, limit: 20, windowSeconds: 900 }],
    async run(input, { context: client, signedIn: { user } }) {
      const result = await confirmAuthenticatorSetup(user.id, input.code, client);
      if (result.status === "wrong-code") {
        return {
          status: "error",
          fieldErrors: {
            code: "That code did not match. Enter the code your app shows now; if it still fails, check that your phone's clock is set automatically.",
          },
        };
      }
      if (result.status === "expired")
        return { status: "error", message: "This setup has expired. Reload the page to start again with a new QR code." };
      if (result.status !== "enabled") redirect("/settings/two-factor");
      // Beside a security key, the backup codes made with the key stay as they are.
      if (!result.codes) redirect("/settings/two-factor?notice=authenticator-added");
      return { status: "success", codes: result.codes };
    },
  });
}

const REQUIRED_MESSAGE =
  "Two-factor authentication is required for your account, so it cannot be turned off. You can replace a factor: add the new one first, then remove the old one.";

const disableInput = z.object({
  code: z
    .string({ error: "Enter a code from your authenticator app or a backup code." })
    .trim()
    .min(1, "Enter a code from your authenticator app or a backup code.")
    .max(100, "That is not a code."),
});

/**
 * Turning 2FA off takes sudo mode plus proof of the second factor: a current app code or a backup
 * code, checked and counted like anywhere else.
 */
export async function disableAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await guardedAction({
    formData,
    guard: { sudo: "/settings/two-factor" },
    schema: disableInput,
    returnedFields: [],
    limits: (ip, { user }) => [...limits(ip), { key: `two-factor-disable:account:${user.id}`, limit: 10, windowSeconds: 900 }],
    async run(input, { context: client, signedIn: { user } }) {
      // Refused before any code is checked: the code would be spent for nothing.
      if (isTwoFactorRequired(user, config().twoFactorRequirement)) return { status: "error", message: REQUIRED_MESSAGE };
      const appCode = totpCodeField.safeParse(input.code);
      const backupCode = backupCodeField.safeParse(input.code);
      if (!appCode.success && !backupCode.success) {
        return {
          status: "error",
          fieldErrors: { code: "Enter the 6-digit code from your authenticator app, or one of your backup codes." },
        };
      }
      const context = { place: "disable-two-factor", userId: user.id, client } as const;
      const proof = appCode.success
        ? await verifySecondFactor({ method: "authenticator", input: { code: appCode.data }, context })
        : await verifySecondFactor({ method: "backup-code", input: { code: backupCode.data as string }, context });
      switch (proof.status) {
        case "verified":
          break;
        case "wrong-code":
          return {
            status: "error",
            fieldErrors: { code: "That code did not work. Enter the code your authenticator app shows now, or an unused backup code." },
          };
        case "too-many-failures":
          return TOO_MANY_WRONG_CODES;
        case "rate-limited":
          return tooManyAttempts(proof.retryAfterSeconds);
        default:
          return { status: "error", fieldErrors: { code: "Your account has no authenticator app: enter one of your backup codes." } };
      }
      if ((await disableTwoFactor(user.id, client)) === "required") return { status: "error", message: REQUIRED_MESSAGE };
      return { status: "success" };
    },
  });
  if (state.status === "success") redirect("/settings/two-factor?notice=disabled");
  return state;
}

export async function regenerateBackupCodesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: "/settings/two-factor/backup-codes" },
    schema: z.object({}),
    returnedFields: [],
    limits: (ip, { user }) => [...limits(ip), { key: `backup-codes:account:${user.id}`, limit: 10, windowSeconds: 3600 }],
    async run(_input, { context: client, signedIn: { user } }) {
      const codes = await regenerateBackupCodes(user.id, client);
      if (!codes) return { status: "error", message: "Set up two-factor authentication first: backup codes go with it." };
      return { status: "success", codes };
    },
  });
}

/**
 * Checks that a typed code is a current, unused backup code of the account, without using it. A
 * guessing oracle, so sudo mode and the one second-factor counter (a miss counts like a wrong code
 * at sign-in); a hit records the set as confirmed.
 */
export async function checkBackupCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: "/settings/two-factor" },
    schema: z.object({ code: backupCodeField }),
    returnedFields: [],
    limits: (ip, { user }) => [...limits(ip), { key: `backup-code-check:account:${user.id}`, limit: 10, windowSeconds: 900 }],
    async run(input, { context: client, signedIn: { user } }) {
      const result = await verifySecondFactor({
        method: "backup-code",
        input: { code: input.code },
        context: { place: "backup-code-check", userId: user.id, client },
      });
      switch (result.status) {
        case "verified":
          revalidatePath("/settings/two-factor");
          return {
            status: "success",
            message: "That code is one of your current backup codes, and it is unused: it will work when you need it.",
          };
        case "wrong-code": {
          const left = result.attemptsLeft === 1 ? "1 try left" : `${result.attemptsLeft} tries left`;
          return {
            status: "error",
            fieldErrors: {
              code: `That is not an unused backup code of this account. ${left} before codes are refused until you sign in again.`,
            },
          };
        }
        case "too-many-failures":
          return TOO_MANY_WRONG_CODES;
        case "rate-limited":
          return tooManyAttempts(result.retryAfterSeconds);
        default:
          return { status: "error", message: "Set up two-factor authentication first: backup codes go with it." };
      }
    },
  });
}

/** The user's choice of check-up emails about their backup codes: a security reminder, so behind sudo mode like the rest of the page. */
export async function setCheckupEmailsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: "/settings/two-factor" },
    schema: z.object({ enabled: z.enum(["on", "off"], { error: "Choose on or off." }) }),
    returnedFields: [],
    limits,
    async run(input, { signedIn: { user } }) {
      await setCheckupEmails(user.id, input.enabled === "on");
      revalidatePath("/settings/two-factor");
      return { status: "success" };
    },
  });
}

/** The opt-in to codes by email, a weaker fallback: changing it takes sudo mode either way. */
export async function setEmailCodesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: "/settings/two-factor" },
    schema: z.object({ enabled: z.enum(["on", "off"], { error: "Choose on or off." }) }),
    returnedFields: [],
    limits,
    async run(input, { context: client, signedIn: { user } }) {
      if (input.enabled === "on" && !config().allowEmailCodes) {
        return { status: "error", message: "This server does not allow codes by email." };
      }
      await setEmailCodes(user.id, input.enabled === "on", client);
      revalidatePath("/settings/two-factor");
      return { status: "success" };
    },
  });
}
