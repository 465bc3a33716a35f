import "server-only";
import { cookies } from "next/headers";
import type { User } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";
import { createSignInGrant } from "@/lib/sessions/sessions";
import { randomToken } from "@/lib/tokens/random";
import { deviceCookie, pendingSignInCookie, signInGrantCookie } from "./cookies";
import { startPendingSignIn } from "./pending-sign-in";

/**
 * Finishes a sign-in whose checks have all passed: stores the grant in an HttpOnly cookie that only
 * next-auth's credentials callback receives. The browser then asks next-auth for the session cookie.
 * `method` says how the user proved who they were, for the security log.
 */
export async function grantSignIn(user: User, client: RequestContext, method: string): Promise<void> {
  const grant = await createSignInGrant(user.id, { ...client, deviceId: await browserDeviceId() }, method);
  const cookie = signInGrantCookie();
  (await cookies()).set(cookie.name, grant, cookie.options);
}

/** This browser's device id: the one its cookie carries, or a new one; the cookie is (re)set either way. */
async function browserDeviceId(): Promise<string> {
  const deviceId = (await presentedDeviceId()) ?? randomToken();
  const cookie = deviceCookie();
  (await cookies()).set(cookie.name, deviceId, cookie.options);
  return deviceId;
}

/** The device id this browser's cookie carries, if it has a well-formed one (randomToken's shape). */
export async function presentedDeviceId(): Promise<string | undefined> {
  const value = (await cookies()).get(deviceCookie().name)?.value;
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** After a correct password on an account with two-factor authentication: on to the second step. */
export async function beginSecondStep(user: User, client: RequestContext): Promise<void> {
  const token = await startPendingSignIn(user, client);
  const cookie = pendingSignInCookie();
  (await cookies()).set(cookie.name, token, cookie.options);
}

export async function pendingSignInToken(): Promise<string | undefined> {
  return (await cookies()).get(pendingSignInCookie().name)?.value;
}

export async function forgetPendingSignIn(): Promise<void> {
  const cookie = pendingSignInCookie();
  // With the cookie's own attributes: a browser ignores a __Secure- cookie's removal that lacks Secure.
  (await cookies()).set(cookie.name, "", { ...cookie.options, maxAge: 0 });
}
