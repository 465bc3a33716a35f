"use server";

import { z } from "zod";
import { forgetPendingSignIn, grantSignIn, pendingSignInToken } from "@/lib/auth/sign-in";
import { backupCodeField, consumeBackupCode } from "@/lib/backup-codes/codes";
import { recordBackupCodeUse } from "@/lib/backup-codes/record-use";
import type { User } from "@/lib/db/client";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction, tooManyAttempts } from "@/lib/forms/guarded-action";
import { acceptAuthenticatorCode } from "@/lib/two-factor/authenticator";
import { completeSecondStep } from "@/lib/two-factor/second-step";
import { totpCodeField } from "@/lib/two-factor/totp";

const RESTART: FormState = {
  status: "error",
  message: "This sign-in has expired. Sign in again with your password.",
  fieldErrors: { restart: "yes" },
};

type Method = {
  name: string;
  schema: z.ZodType<{ code: string }>;
  check: (user: User, code: string, ip: string) => Promise<boolean>;
  wrongCode: string;
  afterSignIn?: (user: User, ip: string) => Promise<unknown>;
};

const AUTHENTICATOR: Method = {
  name: "authenticator app",
  schema: z.object({ code: totpCodeField }),
  check: (user, code) => acceptAuthenticatorCode(user, code),
  wrongCode: "That code did not work. Enter the code your authenticator app shows now, and check that your phone's clock is right.",
};

const BACKUP_CODE: Method = {
  name: "backup code",
  schema: z.object({ code: backupCodeField }),
  check: (user, code, ip) => consumeBackupCode(user.id, code, ip),
  wrongCode: "That backup code did not work. Each code works once; check that you typed it from your latest set.",
  afterSignIn: (user, ip) => recordBackupCodeUse(user, ip),
};

export async function verifyAuthenticatorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep(AUTHENTICATOR, formData);
}

export async function verifyBackupCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return verifySecondStep(BACKUP_CODE, formData);
}

async function verifySecondStep(method: Method, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    schema: method.schema,
    keep: [],
    limits: (ip) => [{ key: `second-factor:ip:${ip}`, limit: 30, windowSeconds: 300 }],
    async run(input, client) {
      const token = await pendingSignInToken();
      if (!token) return RESTART;
      const result = await completeSecondStep({
        pendingToken: token,
        method: method.name,
        ip: client.ip,
        check: (user) => method.check(user, input.code, client.ip),
      });
      switch (result.status) {
        case "signed-in":
          await forgetPendingSignIn();
          await method.afterSignIn?.(result.user, client.ip);
          await grantSignIn(result.user, client, `password and ${method.name}`);
          return { status: "success" };
        case "wrong-code": {
          const left = result.attemptsLeft === 1 ? "1 try left" : `${result.attemptsLeft} tries left`;
          return { status: "error", fieldErrors: { code: `${method.wrongCode} ${left} before you need to sign in again.` } };
        }
        case "rate-limited":
          return tooManyAttempts(result.retryAfterSeconds);
        case "too-many-failures":
          await forgetPendingSignIn();
          return { ...RESTART, message: "Too many wrong codes. For your safety, sign in again with your password." };
        case "expired":
          await forgetPendingSignIn();
          return RESTART;
      }
    },
  });
}
