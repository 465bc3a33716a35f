import "server-only";
import { cookies } from "next/headers";
import type { User } from "@/lib/db/client";
import { createSignInGrant, type ClientInfo } from "@/lib/sessions/sessions";
import { signInGrantCookie } from "./cookies";

/**
 * Finishes a sign-in whose checks have all passed: stores the grant in an HttpOnly cookie that only
 * next-auth's credentials callback receives. The browser then asks next-auth for the session cookie.
 */
export async function grantSignIn(user: User, client: ClientInfo): Promise<void> {
  const grant = await createSignInGrant(user.id, client);
  const cookie = signInGrantCookie();
  (await cookies()).set(cookie.name, grant, cookie.options);
}
