import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

// The browser's answer to a ceremony arrives as one JSON form field. Its shape is checked here, at the
// boundary; the signatures and everything they cover are checked by @simplewebauthn/server.
const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);
const common = {
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

const PROBLEM = "The security key's answer could not be read. Try again, or choose another method.";

/** One message for any malformed answer: its details mean nothing to the person holding the key. */
function jsonField<Shape extends z.ZodType>(shape: Shape) {
  return z
    .string({ error: PROBLEM })
    .max(65_536, PROBLEM)
    .transform((text, context) => {
      let parsed: z.ZodSafeParseResult<z.output<Shape>>;
      try {
        parsed = shape.safeParse(JSON.parse(text));
      } catch {
        parsed = { success: false } as z.ZodSafeParseResult<z.output<Shape>>;
      }
      if (parsed.success) return parsed.data;
      context.addIssue({ code: "custom", message: PROBLEM });
      return z.NEVER;
    });
}

export const authenticationResponseField = jsonField(
  z.object({
    ...common,
    response: z.object({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.optional(),
    }),
  }),
) as unknown as z.ZodType<AuthenticationResponseJSON, string>;

export const registrationResponseField = jsonField(
  z.object({
    ...common,
    response: z.object({
      clientDataJSON: base64url,
      attestationObject: base64url,
      authenticatorData: base64url.optional(),
      transports: z
        .array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]))
        .max(10)
        .optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url.optional(),
    }),
  }),
) as unknown as z.ZodType<RegistrationResponseJSON, string>;
