import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { config } from "@/lib/config";
import { findActiveSession, revokeSession, type ActiveSession } from "@/lib/sessions/sessions";
import { inSudoMode } from "@/lib/sessions/sudo";
import { sessionCookie } from "./cookies";

/** The signed-in user and session for this request, checked against the database; null if none. */
export const getCurrentSession = cache(async (): Promise<ActiveSession | null> => {
  const secret = await sessionSecret();
  return secret ? findActiveSession(secret) : null;
});

/**
 * Ends this browser's session in the database. Sign-out calls it before next-auth clears the cookie,
 * so that a database failure is reported instead of leaving a live session behind a cleared cookie.
 */
export async function revokeCurrentSession(): Promise<void> {
  const secret = await sessionSecret();
  if (secret) await revokeSession(secret);
}

async function sessionSecret(): Promise<string | null> {
  const cookie = (await cookies()).get(sessionCookie().name)?.value;
  if (!cookie) return null;
  const token = await decode({ token: cookie, secret: config().authSecret }).catch(() => null);
  return typeof token?.sid === "string" ? token.sid : null;
}

/** For pages and actions that need a signed-in user: sends everyone else to the sign-in page. */
export async function requireSession(): Promise<ActiveSession> {
  const current = await getCurrentSession();
  if (!current) redirect("/auth/sign-in");
  return current;
}

/** For pages and actions that change security settings: asks for the password first when needed. */
export async function requireSudo(returnTo: string): Promise<ActiveSession> {
  const current = await requireSession();
  if (!inSudoMode(current.session)) redirect(`/settings/confirm-password?next=${encodeURIComponent(returnTo)}`);
  return current;
}
