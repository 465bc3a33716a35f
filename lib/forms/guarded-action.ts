import "server-only";
import type { z } from "zod";
import { clientInfo } from "@/lib/auth/client-info";
import { consumeRateLimits, formatRetryAfter, type RateLimitRule } from "@/lib/rate-limit";
import type { FormState } from "./form-state";

type Client = { ip: string; userAgent: string | null };

/**
 * The one order every form action follows: rate limit by address, parse the input (field errors are
 * returned, with what was typed), then the action itself, which applies its per-account limits
 * before verifying anything. Actions that need a session call requireSession() first in `run`.
 */
export async function guardedAction<Schema extends z.ZodType<Record<string, unknown>>>(options: {
  formData: FormData;
  schema: Schema;
  /** Fields that may be sent back to the form (never passwords or codes). */
  keep: string[];
  limits: (ip: string) => RateLimitRule[];
  run: (input: z.output<Schema>, client: Client, values: Record<string, string>) => Promise<FormState>;
}): Promise<FormState> {
  const client = await clientInfo();
  const values = keptValues(options.formData, options.keep);
  const limited = await consumeRateLimits(options.limits(client.ip));
  if (!limited.allowed) return tooManyAttempts(limited.retryAfterSeconds, values);

  const parsed = options.schema.safeParse(Object.fromEntries(options.formData));
  if (!parsed.success) {
    return { status: "error", fieldErrors: firstErrorPerField(parsed.error), values };
  }
  return options.run(parsed.data, client, values);
}

export function tooManyAttempts(retryAfterSeconds: number, values?: Record<string, string>): FormState {
  return { status: "error", message: `Too many attempts. Try again in ${formatRetryAfter(retryAfterSeconds)}.`, values };
}

function keptValues(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, formData.get(name)]).filter((entry): entry is [string, string] => typeof entry[1] === "string").map(([name, value]) => [name, value.slice(0, 500)]),
  );
}

function firstErrorPerField(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
