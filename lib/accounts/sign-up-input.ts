import "server-only";
import { z } from "zod";
import { passwordProblem } from "@/lib/passwords/policy";
import { emailField, passwordField, usernameField } from "./fields";

export const signUpInput = z
  .object({
    email: emailField,
    username: usernameField,
    password: passwordField,
    passwordConfirmation: z.string({ error: "Type your password again." }),
  })
  .superRefine((input, context) => {
    const problem = passwordProblem(input.password, input);
    if (problem) context.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (input.password !== input.passwordConfirmation) {
      context.addIssue({ code: "custom", path: ["passwordConfirmation"], message: "The two passwords do not match." });
    }
  });
