import { z } from "zod";

/** Field rules shared by the forms, the command line and the library. Emails are stored in lower case. */
export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const usernameField = z
  .string({ error: "Choose a username." })
  .trim()
  .min(1, "Choose a username.")
  .max(30, "Usernames are at most 30 characters.")
  .regex(/^[A-Za-z0-9_]*$/, "Use only letters, numbers and underscores (_).")
  .transform((username) => username.toLowerCase());
