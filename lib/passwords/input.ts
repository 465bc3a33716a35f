import "server-only";
import { z } from "zod";
import { newPasswordProblems } from "./policy";
import { linkTokenField } from "@/lib/tokens/link-token";

/** Passwords are taken as typed: no trimming. The policy (length, bytes, common list) is in ./policy.ts. */
export const passwordField = z
  .string({ error: "Enter a password." })
  .min(1, "Enter a password.")
  .max(4096, "That is far too long for a password.");

const TOKEN_MISSING = "This link is incomplete. Open the link from the email again.";
const confirmationField = z.string({ error: "Type your new password again." });

/**
 * As at sign-up: every rule broken is reported at the password, a mismatch at the confirmation. The
 * rule against the account's own email or username is checked by the library, which knows the account.
 */
function checkNewPassword(password: string, confirmation: string, paths: [string, string], context: z.RefinementCtx) {
  for (const problem of newPasswordProblems(password, confirmation))
    context.addIssue({ code: "custom", path: [problem.at === "password" ? paths[0] : paths[1]], message: problem.message });
}

export const resetPasswordInput = z
  .object({
    token: linkTokenField(TOKEN_MISSING),
    password: passwordField,
    passwordConfirmation: confirmationField,
  })
  .superRefine((input, context) =>
    checkNewPassword(input.password, input.passwordConfirmation, ["password", "passwordConfirmation"], context),
  );

export const changePasswordInput = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(4096, "That is not your current password."),
    newPassword: passwordField,
    newPasswordConfirmation: confirmationField,
  })
  .superRefine((input, context) =>
    checkNewPassword(input.newPassword, input.newPasswordConfirmation, ["newPassword", "newPasswordConfirmation"], context),
  );
