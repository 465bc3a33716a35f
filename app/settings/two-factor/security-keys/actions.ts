"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { config } from "@/lib/config";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/forms/guarded-action";
import { removeSecurityKey, renameSecurityKey } from "@/lib/security-keys/manage";
import { keyNameField } from "@/lib/security-keys/name";
import { beginKeyRegistration } from "@/lib/security-keys/registration";
import { addKey } from "@/lib/two-factor/add-key";
import { registrationResponseField } from "@/lib/security-keys/responses";

const RETURN_TO = "/settings/two-factor";
const limits = (ip: string) => [{ key: `security-keys:ip:${ip}`, limit: 30, windowSeconds: 900 }];
const keyId = z.string({ error: "Choose a key." }).min(1).max(100);
/** Security keys and passkeys are added by the same forms; the hidden field says which. */
const kind = z.enum(["security-key", "passkey"], { error: "Choose a security key or a passkey." }).default("security-key");
const PASSKEYS_FORBIDDEN: FormState = { status: "error", message: "This server does not allow passkeys." };

export type RegistrationOptionsResult = { status: "ready"; options: PublicKeyCredentialCreationOptionsJSON } | FormState;

/** Checks the name first (a bad one is reported before the user touches their key), then the challenge. */
export async function keyRegistrationOptionsAction(formData: FormData): Promise<RegistrationOptionsResult> {
  let options: PublicKeyCredentialCreationOptionsJSON | null = null;
  const state = await guardedAction({
    formData,
    guard: { sudo: RETURN_TO },
    twoFactorSetup: true,
    schema: z.object({ name: keyNameField, kind }),
    returnedFields: ["name"],
    limits: (ip, { user }) => [...limits(ip), { key: `security-key-add:account:${user.id}`, limit: 20, windowSeconds: 3600 }],
    async run(input, { signedIn: { user, session } }) {
      if (input.kind === "passkey" && !config().allowPasskeys) return PASSKEYS_FORBIDDEN;
      options = await beginKeyRegistration(user, session.id, input.kind);
      return { status: "success" };
    },
  });
  return options ? { status: "ready", options } : state;
}

export async function addSecurityKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: RETURN_TO },
    twoFactorSetup: true,
    schema: z.object({ name: keyNameField, kind, response: registrationResponseField }),
    returnedFields: ["name"],
    limits,
    async run(input, { context: client, signedIn: { user, session }, values }) {
      if (input.kind === "passkey" && !config().allowPasskeys) return PASSKEYS_FORBIDDEN;
      const result = await addKey({
        user,
        sessionId: session.id,
        name: input.name,
        response: input.response,
        client,
        kind: input.kind,
      });
      switch (result.status) {
        case "added":
          revalidatePath(RETURN_TO);
          return result.codes ? { status: "success", codes: result.codes } : { status: "success", message: `“${input.name}” was added.` };
        case "expired":
          return { status: "error", fieldErrors: { key: "That took too long, so the request expired. Try again." }, values };
        case "already-registered":
          return { status: "error", fieldErrors: { key: "This key is already registered." }, values };
        case "not-discoverable":
          return {
            status: "error",
            fieldErrors: { key: "This key cannot hold a passkey (it does not store sign-ins). Add it as a security key instead." },
            values,
          };
        case "invalid":
          return {
            status: "error",
            fieldErrors: { key: "The key's answer could not be verified. Try again, or try another key." },
            values,
          };
      }
    },
  });
}

export async function renameSecurityKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: "session",
    schema: z.object({ keyId, name: keyNameField }),
    returnedFields: ["name"],
    limits,
    async run(input, { context: client, signedIn: { user }, values }) {
      if (!(await renameSecurityKey({ userId: user.id, keyId: input.keyId, name: input.name, ip: client.ip }))) {
        return { status: "error", message: "That key is no longer in your list.", values };
      }
      revalidatePath(RETURN_TO);
      return { status: "success", message: "Renamed.", values };
    },
  });
}

export async function removeSecurityKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return guardedAction({
    formData,
    guard: { sudo: RETURN_TO },
    schema: z.object({ keyId }),
    returnedFields: [],
    limits,
    async run(input, { context: client, signedIn: { user } }) {
      const result = await removeSecurityKey({ userId: user.id, keyId: input.keyId, client });
      if (result === "last-second-factor") {
        return {
          status: "error",
          message:
            "This is your only second factor while two-factor authentication is on. Add an authenticator app or another key first, or turn off two-factor authentication below.",
        };
      }
      revalidatePath(RETURN_TO);
      return { status: "success" };
    },
  });
}
