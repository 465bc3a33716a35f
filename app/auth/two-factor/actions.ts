"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { clientInfo } from "@/lib/auth/client-info";
import { findPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { forgetPendingSignIn, grantSignIn, pendingSignInToken } from "@/lib/auth/sign-in";
import { backupCodeField, consumeBackupCode } from "@/lib/backup-codes/codes";
import { recordBackupCodeUse } from "@/lib/backup-codes/record-use";
import type { User } from "@/lib/db/client";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { acceptKeySignature, keySignInOptions } from "@/lib/security-keys/authentication";
import { authenticationResponseField } from "@/lib/security-keys/responses";
import type { ClientInfo } from "@/lib/sessions/sessions";
import { acceptAuthenticatorCode } from "@/lib/two-factor/authenticator";
import { acceptEmailCode, emailCodeField, emailCodeState, EMAIL_CODE_MINUTES, sendEmailCode } from "@/lib/two-factor/email-code";
import { completeSecondStep } from "@/lib/two-factor/second-step";
import { totpCodeField } from "@/lib/two-factor/totp";
import { consumeRateLimits, formatRetryAfter } from "@/lib/rate-limit";

const RESTART: FormState = {
  status: "error",
  message: "This sign-in has expired. Sign in again with your password.",
  fieldErrors: { restart: "yes" },
};

const ipLimits = (ip: string) => [{ key: `second-factor:ip:${ip}`, limit: 30, windowSeconds: 300 }];

/** One way of proving the second factor: what the form sends, how it is checked, what a failure says. */
type Method<Input extends Record<string, unknown>> = {
  name: string;
  schema: z.ZodType<Input>;
  /** The field a failure is shown next to. */
  field: string;
  /** Problems the user can fix before any guess is checked (and counted). */
  before?: (pending: PendingSignIn) => Promise<string | null>;
  check: (pending: PendingSignIn, input: Input, client: ClientInfo) => Promise<boolean>;
  wrong: string;
  afterSignIn?: (user: User, client: ClientInfo) => Promise<unknown>;
};

const AUTHENTICATOR: Method<{ code: string }> = {
  name: "authenticator app",
  schema: z.object({ code: totpCodeField }),
  field: "code",
  check: ({ user }, { code }) => acceptAuthenticatorCode(user, code),
  wrong: "That code did not work. Enter the code your authenticator app shows now, and check that your phone's clock is right.",
};

const BACKUP_CODE: Method<{ code: string }> = {
  name: "backup code",
  schema: z.object({ code: backupCodeField }),
  field: "code",
  check: ({ user }, { code }, client) => consumeBackupCode(user.id, code, client.ip ?? null),
  wrong: "That backup code did not work. Each code works once; check that you typed it from your latest set.",
  afterSignIn: (user, client) => recordBackupCodeUse(user, client),
};

const EMAIL_CODE: Method<{ code: string }> = {
  name: "email code",
  schema: z.object({ code: emailCodeField }),
  field: "code",
  async before(pending) {
    const state = await emailCodeState(pending.id);
    if (state === "none") return "Send yourself a code first, with the “Email me a code” button.";
    if (state === "expired") return `That code has expired: codes work for ${EMAIL_CODE_MINUTES} minutes. Send yourself a new one.`;
    return null;
  },
  check: (pending, { code }) => acceptEmailCode(pending, code),
  wrong: "That code did not work. Use the code from the latest email: each works once, for this sign-in only.",
};

const SECURITY_KEY: Method<{ response: Parameters<typeof acceptKeySignature>[1] }> = {
  name: "security key",
  schema: z.object({ response: authenticationResponseField }),
  field: "key",
  check: (pending, { response }) => acceptKeySignature(pending, response),
  wrong: "That security key was not accepted. Use a key you added to this account, or choose another method.",
};

export async function verifyAuthenticatorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep(AUTHENTICATOR, formData);
}

export async function verifyBackupCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep(BACKUP_CODE, formData);
}

export async function verifyEmailCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep(EMAIL_CODE, formData);
}

export async function verifySecurityKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep(SECURITY_KEY, formData);
}

/** Emails a code for this sign-in. */
export async function sendEmailCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: z.object({}),
    keep: [],
    // Its own bucket: sending codes must not use up the guesses counted in ipLimits.
    limits: (ip) => [{ key: `email-code-send:ip:${ip}`, limit: 10, windowSeconds: 300 }],
    async run() {
      const pending = await currentPendingSignIn();
      if (!pending) return RESTART;
      const sent = await sendEmailCode(pending);
      switch (sent.status) {
        case "ended":
          return RESTART;
        case "unavailable":
          return { status: "error", message: "Codes by email are not available for this account. Choose another method." };
        case "just-sent":
          return { status: "error", message: `A code was sent a moment ago. Check your inbox and spam folder, or ask again in ${formatRetryAfter(sent.retryAfterSeconds)}.` };
        case "too-many":
          return { status: "error", message: `Too many codes were sent for this account. Use another method, or try again in ${formatRetryAfter(sent.retryAfterSeconds)}.` };
      }
      return { status: "success", message: `We emailed you a code. It works for ${EMAIL_CODE_MINUTES} minutes.` };
    },
  });
}

export type KeyOptionsResult = { status: "ready"; options: PublicKeyCredentialRequestOptionsJSON } | FormState;

/** The challenge for the account's security keys, bound to this pending sign-in. */
export async function securityKeyOptionsAction(): Promise<KeyOptionsResult> {
  const { ip } = await clientInfo();
  const limited = await consumeRateLimits([{ key: `security-key-options:ip:${ip}`, limit: 30, windowSeconds: 300 }]);
  if (!limited.allowed) return tooManyAttempts(limited.retryAfterSeconds);
  const pending = await currentPendingSignIn();
  if (!pending) return RESTART;
  const options = await keySignInOptions(pending);
  if (options === "ended") return RESTART;
  if (!options) return { status: "error", message: "This account has no security key. Choose another method." };
  return { status: "ready", options };
}

async function currentPendingSignIn(): Promise<PendingSignIn | null> {
  const token = await pendingSignInToken();
  return token ? findPendingSignIn(token) : null;
}

async function verifySecondStep<Input extends Record<string, unknown>>(method: Method<Input>, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: method.schema,
    keep: [],
    limits: ipLimits,
    async run(input, client) {
      const token = await pendingSignInToken();
      if (!token) return RESTART;
      if (method.before) {
        const pending = await findPendingSignIn(token);
        const problem = pending ? await method.before(pending) : null;
        if (problem) return { status: "error", fieldErrors: { [method.field]: problem } };
      }
      const result = await completeSecondStep({
        pendingToken: token,
        method: method.name,
        ip: client.ip,
        userAgent: client.userAgent,
        check: (pending) => method.check(pending, input, client),
      });
      switch (result.status) {
        case "signed-in":
          await forgetPendingSignIn();
          await method.afterSignIn?.(result.user, client);
          await grantSignIn(result.user, client, `password and ${method.name}`);
          return { status: "success" };
        case "wrong-code": {
          const left = result.attemptsLeft === 1 ? "1 try left" : `${result.attemptsLeft} tries left`;
          return { status: "error", fieldErrors: { [method.field]: `${method.wrong} ${left} before you need to sign in again.` } };
        }
        case "rate-limited":
          return tooManyAttempts(result.retryAfterSeconds);
        case "too-many-failures":
          await forgetPendingSignIn();
          return { ...RESTART, message: "Too many failed attempts. For your safety, sign in again with your password." };
        case "expired":
          await forgetPendingSignIn();
          return RESTART;
      }
    },
  });
}
