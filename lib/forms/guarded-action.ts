import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { clientInfo } from "@/lib/auth/client-info";
import { consumeRateLimits, formatRetryAfter, type RateLimitRule } from "@/lib/rate-limit";
import type { FormState } from "./form-state";

type Client = { ip: string; userAgent: string | null };

type FormSchema = z.ZodType<Record<string, unknown>>;

type GuardedActionOptions<Schema extends FormSchema> = {
  formData: FormData;
  schema: Schema;
  /** Fields that may be sent back to the form (never passwords or codes). */
  keep: string[];
  limits: (ip: string) => RateLimitRule[];
  /** Limits keyed by what the input names (an email address, a link's token): counted for every value, known or not. */
  accountLimits?: (input: z.output<Schema>) => RateLimitRule[] | Promise<RateLimitRule[]>;
  run: (input: z.output<Schema>, client: Client, values: Record<string, string>) => Promise<FormState>;
};

/**
 * The one order every form action follows: rate limit by address, parse the input (field errors are
 * returned, with what was typed), rate limit by the account the input names, then the action itself.
 * Actions that need a session call requireSession() first and put the signed-in account's limits in
 * `limits`. Limits are counted in the database (lib/rate-limit), so they hold across processes (S23).
 */
export async function guardedAction<Schema extends FormSchema>(options: GuardedActionOptions<Schema>): Promise<FormState> {
  // An action's arguments are whatever the request encoded, not necessarily a form.
  if (!(options.formData instanceof FormData)) return { status: "error", message: "This form submission is malformed. Reload the page and try again." };
  const values = keptValues(options.formData, options.keep);
  try {
    return await guarded(options, values);
  } catch (error) {
    // Redirects and the like are how actions finish; anything else is a fault on our side (the
    // database away, say). The form stays as it was typed, with a message, rather than an error page.
    unstable_rethrow(error);
    console.error("form action failed:", error);
    return { status: "error", message: "Something went wrong on our side. Please try again in a moment.", values };
  }
}

async function guarded<Schema extends FormSchema>(options: GuardedActionOptions<Schema>, values: Record<string, string>): Promise<FormState> {
  const client = await clientInfo();
  const limited = await consumeRateLimits(options.limits(client.ip));
  if (!limited.allowed) return tooManyAttempts(limited.retryAfterSeconds, values);

  // No field of any form may hold a NUL: PostgreSQL refuses it in text, and no one types it.
  const withNul = [...options.formData].filter(([, value]) => typeof value === "string" && value.includes("\u0000")).map(([name]) => name);
  if (withNul.length > 0) {
    return { status: "error", fieldErrors: Object.fromEntries(withNul.map((name) => [name, "This contains a character that is not allowed."])), values };
  }
  const parsed = options.schema.safeParse(Object.fromEntries(options.formData));
  if (!parsed.success) {
    return { status: "error", fieldErrors: firstErrorPerField(parsed.error), values };
  }
  if (options.accountLimits) {
    const limitedAccount = await consumeRateLimits(await options.accountLimits(parsed.data));
    if (!limitedAccount.allowed) return tooManyAttempts(limitedAccount.retryAfterSeconds, values);
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
