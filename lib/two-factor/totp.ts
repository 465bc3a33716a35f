import "server-only";
import { generateSecret, generateURI, verifySync } from "otplib";
import { z } from "zod";

/** A new authenticator secret: 20 bytes (160 bits) from the CSPRNG, in base32 for the apps. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(options: { secret: string; issuer: string; account: string }): string {
  return generateURI({ issuer: options.issuer, label: options.account, secret: options.secret });
}

/** The key as people type it: groups of four. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/**
 * Checks a 6-digit code (SHA-1, 30-second steps) against the current step and one either side, and
 * refuses any step at or before `afterStep`, the last one accepted: a code works once. Returns the
 * step to store when valid.
 */
export function checkTotp(options: {
  secret: string;
  code: string;
  afterStep?: number | null;
  epoch?: number;
}): { valid: true; step: number } | { valid: false } {
  let result: ReturnType<typeof verifySync>;
  try {
    result = verifySync({
      secret: options.secret,
      token: options.code,
      epochTolerance: 30,
      afterTimeStep: options.afterStep ?? undefined,
      epoch: options.epoch,
    });
  } catch {
    // otplib throws for a malformed code, and when the last accepted step is ahead of this server's
    // clock (a clock moved back, or skew between instances): both are a refusal, not an error page.
    return { valid: false };
  }
  if (!result.valid || !("timeStep" in result) || typeof result.timeStep !== "number") return { valid: false };
  return { valid: true, step: result.timeStep };
}

/** What a person types: "123 456" and "123-456" are fine; the message says exactly what is wrong otherwise. */
export const totpCodeField = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .transform((code) => code.replace(/[\s-]/g, ""))
  .pipe(
    z
      .string()
      .min(1, "Enter the 6-digit code from your authenticator app.")
      .regex(/^\d*$/, "The code is made of digits only.")
      .length(6, "The code has exactly 6 digits."),
  );
