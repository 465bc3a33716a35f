import { TextField } from "./text-field";

/**
 * A one-time code: an authenticator code (digits) or a backup code (letters too). Named "code" in
 * every form, offered to the phone's one-time-code autofill, never capitalised or spell-checked.
 */
export function CodeField({
  id,
  label,
  error,
  hint,
  kind = "authenticator",
  autoFocus,
}: {
  /** Needed when a page has several code fields. */
  id?: string;
  label: string;
  error?: string;
  hint?: string;
  kind?: "authenticator" | "any";
  autoFocus?: boolean;
}) {
  return (
    <TextField
      id={id}
      label={label}
      name="code"
      inputMode={kind === "authenticator" ? "numeric" : "text"}
      autoComplete="one-time-code"
      autoCapitalize="none"
      spellCheck={false}
      autoFocus={autoFocus}
      maxLength={40}
      placeholder={kind === "authenticator" ? "123 456" : undefined}
      error={error}
      hint={hint}
    />
  );
}
