/** What every form action returns: expected failures are data, shown next to their fields. */
export type FormState = {
  status: "idle" | "error" | "success";
  /** A message for the whole form. */
  message?: string;
  /** One message per field name. */
  fieldErrors?: Record<string, string>;
  /** What the user typed (never a password), to fill the form again. */
  values?: Record<string, string>;
  /** Backup codes just generated: shown this once, never stored in plain text. */
  codes?: string[];
};

export const initialFormState: FormState = { status: "idle" };
