"use server";

import { revokeCurrentSession } from "@/lib/auth/current-user";

/** The database half of signing out; the browser then asks next-auth to clear the cookie. */
export async function signOutAction(): Promise<void> {
  await revokeCurrentSession();
}
