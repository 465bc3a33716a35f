import "server-only";
import { z } from "zod";
import { newPasswordProblems } from "@/lib/passwords/policy";
import { passwordField } from "@/lib/passwords/input";
import { emailField, usernameField } from "./fields";

export const signUpInput = z
  .object({
    email: emailField,
    username: usernameField,
    password: passwordField,
    passwordConfirmation: z.string({ error: "Type your password again." }),
  })
  .superRefine((input, context) => {
    for (const problem of newPasswordProblems(input.password, input.passwordConfirmation, input))
      context.addIssue({
        code: "custom",
        path: [problem.at === "password" ? "password" : "passwordConfirmation"],
        message: problem.message,
      });
  });
