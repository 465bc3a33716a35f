import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireAdmin } from "@/lib/admin/require-admin";
import { requireSession, requireSudo, type SessionGuardOptions } from "@/lib/auth/current-user";
import { consumeRateLimits, formatRetryAfter, type RateLimitRule } from "@/lib/rate-limit";
import { requestContext, type RequestContext } from "@/lib/request/context";
import type { ActiveSession } from "@/lib/sessions/sessions";
import { errorsPerField } from "./field-errors";
import type { FormState } from "./form-state";

type FormSchema = z.ZodType<Record<string, unknown>>;

/**
 * Who may send the form: anyone signed in, staff, or anyone signed in who confirmed their identity in
 * the last minutes (sudo mode; the others are sent to the password prompt, then back to `sudo`).
 */
export type Guard = "session" | "admin" | { sudo: string };

/** The signed-in account and session when the action has a guard; null without one. */
type SignedIn<G> = G extends Guard ? ActiveSession : null;

/** What the action runs with: who sends it from where, and what was typed that may be sent back. */
export type ActionRequest<G> = { context: RequestContext & { ip: string }; signedIn: SignedIn<G>; values: Record<string, string> };

type GuardedActionOptions<Schema extends FormSchema, G extends Guard | undefined> = {
  formData: FormData;
  schema: Schema;
  guard?: G;
  /** Part of setting up a second factor: open to a session past its two-factor deadline (lib/auth/current-user.ts). */
  twoFactorSetup?: true;
  /** Fields that may be sent back to the form (never passwords or codes). */
  returnedFields: string[];
  /** Limits by address, and by the signed-in account when there is one. */
  limits: (ip: string, signedIn: SignedIn<G>) => RateLimitRule[];
  /** Limits keyed by what the input names (an email address, a link's token): counted for every value, known or not. */
  accountLimits?: (input: z.output<Schema>) => RateLimitRule[] | Promise<RateLimitRule[]>;
  run: (input: z.output<Schema>, request: ActionRequest<G>) => Promise<FormState>;
};

/**
 * The one order every form action follows: the guard (who may send it), rate limits by address and by
 * the signed-in account, the input (field errors are returned, with what was typed), rate limits by
 * the account the input names, then the action itself. Limits are counted in the database
 * (lib/rate-limit), so they hold across every process. A fault on our side at any step, the guard's
 * session lookup included, is answered at the form.
 */
export async function guardedAction<Schema extends FormSchema, G extends Guard | undefined = undefined>(
  options: GuardedActionOptions<Schema, G>,
): Promise<FormState> {
  const values = options.formData instanceof FormData ? returnedValues(options.formData, options.returnedFields) : {};
  try {
    const signedIn = (await checkGuard(options.guard, { twoFactorSetup: options.twoFactorSetup })) as SignedIn<G>;
    // An action's arguments are whatever the request encoded, not necessarily a form.
    if (!(options.formData instanceof FormData))
      return { status: "error", message: "This form submission is malformed. Reload the page and try again." };
    return await guarded(options, signedIn, values);
  } catch (error) {
    // Redirects and the like are how actions finish; anything else is a fault on our side (the
    // database away, say). The form stays as it was typed, with a message, rather than an error page.
    unstable_rethrow(error);
    console.error("form action failed:", error);
    return { status: "error", message: "Something went wrong on our side. Please try again in a moment.", values };
  }
}

/**
 * For an action that is not a form (a security key's challenge): the same guard, the same limits by
 * address and account, and the same answer to a fault on our side.
 */
export async function guardedCall<Result, G extends Guard | undefined = undefined>(options: {
  guard?: G;
  twoFactorSetup?: true;
  limits: (ip: string, signedIn: SignedIn<G>) => RateLimitRule[];
  run: (request: Omit<ActionRequest<G>, "values">) => Promise<Result | FormState>;
}): Promise<Result | FormState> {
  const formData = new FormData();
  let result: Result | FormState | undefined;
  const state = await guardedAction({
    formData,
    schema: z.object({}),
    guard: options.guard,
    twoFactorSetup: options.twoFactorSetup,
    returnedFields: [],
    limits: options.limits,
    async run(_input, request) {
      result = await options.run(request);
      return { status: "success" };
    },
  });
  return state.status === "success" && result !== undefined ? result : state;
}

async function checkGuard(guard: Guard | undefined, options: SessionGuardOptions): Promise<ActiveSession | null> {
  if (guard === undefined) return null;
  if (guard === "session") return requireSession(options);
  if (guard === "admin") return requireAdmin();
  return requireSudo(guard.sudo, options);
}

async function guarded<Schema extends FormSchema, G extends Guard | undefined>(
  options: GuardedActionOptions<Schema, G>,
  signedIn: SignedIn<G>,
  values: Record<string, string>,
): Promise<FormState> {
  const context = await requestContext(signedIn?.user.id);
  const limited = await consumeRateLimits(options.limits(context.ip, signedIn));
  if (!limited.allowed) return tooManyAttempts(limited.retryAfterSeconds, values);

  // No field of any form may hold a NUL: PostgreSQL refuses it in text, and no one types it.
  const withNul = [...options.formData].filter(([, value]) => typeof value === "string" && value.includes("\u0000")).map(([name]) => name);
  if (withNul.length > 0) {
    return {
      status: "error",
      fieldErrors: Object.fromEntries(withNul.map((name) => [name, "This contains a character that is not allowed."])),
      values,
    };
  }
  const parsed = options.schema.safeParse(Object.fromEntries(options.formData));
  if (!parsed.success) {
    return { status: "error", fieldErrors: errorsPerField(parsed.error, options.formData), values };
  }
  if (options.accountLimits) {
    const limitedAccount = await consumeRateLimits(await options.accountLimits(parsed.data));
    if (!limitedAccount.allowed) return tooManyAttempts(limitedAccount.retryAfterSeconds, values);
  }
  return options.run(parsed.data, { context, signedIn, values });
}

export function tooManyAttempts(retryAfterSeconds: number, values?: Record<string, string>): FormState {
  return { status: "error", message: `Too many attempts. Try again in ${formatRetryAfter(retryAfterSeconds)}.`, values };
}

function returnedValues(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names
      .map((name) => [name, formData.get(name)])
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([name, value]) => [name, value.slice(0, 500)]),
  );
}
