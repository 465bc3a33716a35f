import { z } from "zod";

export const KEY_NAME_MAX_LENGTH = 50;

/** What the user calls a key in their list ("Blue YubiKey"); shown back to them, never trusted as markup. */
export const keyNameField = z
  .string({ error: "Give this key a name." })
  .transform((name) => name.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Give this key a name, such as “Blue key on my keyring”.")
      .max(KEY_NAME_MAX_LENGTH, `Use at most ${KEY_NAME_MAX_LENGTH} characters.`)
      // Control and format characters would let a name hide or reorder text in the list and in emails.
      .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), "Use letters, digits, spaces and punctuation only."),
  );
