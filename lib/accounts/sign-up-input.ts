import "server-only";
import { z } from "zod";
import { newPasswordProblem } from "@/lib/passwords/policy";
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
    const problem = newPasswordProblem(input.password, input.passwordConfirmation, input);
    if (problem)
      context.addIssue({
        code: "custom",
        path: [problem.at === "password" ? "password" : "passwordConfirmation"],
        message: problem.message,
      });
  });
