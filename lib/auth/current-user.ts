import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { config } from "@/lib/config";
import { findActiveSession, revokeSession, type ActiveSession } from "@/lib/sessions/sessions";
import { inSudoMode } from "@/lib/sessions/sudo";
import { applyTwoFactorRequirement } from "@/lib/two-factor-policy/apply";
import type { TwoFactorRequirement } from "@/lib/two-factor-policy/requirement";
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

/**
 * Where the signed-in account stands with the two-factor requirement (lib/two-factor-policy), brought
 * up to date once per request: its deadline stored when the requirement first applies, a reminder sent
 * when its day has come. Null when no one is signed in.
 */
export const currentTwoFactorRequirement = cache(async (): Promise<TwoFactorRequirement | null> => {
  const current = await getCurrentSession();
  return current ? (await applyTwoFactorRequirement(current.user)).requirement : null;
});

export type SessionGuardOptions = {
  /**
   * A page or action of setting up a second factor (and the password prompt it needs): the only ones,
   * with signing out, open to a session whose account is past its two-factor deadline.
   */
  twoFactorSetup?: boolean;
};

/**
 * The one check that locks a session past its two-factor deadline out of everything else: every page
 * and action that needs a signed-in user runs it (requireSession, and through it requireSudo,
 * requireAdmin and guardedAction). Pages that read the session themselves call it too.
 */
export async function redirectPastTwoFactorDeadline(options: SessionGuardOptions = {}): Promise<void> {
  if (options.twoFactorSetup) return;
  if ((await currentTwoFactorRequirement())?.status === "overdue") redirect("/settings/two-factor");
}

/** For pages and actions that need a signed-in user: sends everyone else to the sign-in page. */
export async function requireSession(options: SessionGuardOptions = {}): Promise<ActiveSession> {
  const current = await getCurrentSession();
  if (!current) redirect("/auth/sign-in");
  await redirectPastTwoFactorDeadline(options);
  return current;
}

/** For pages and actions that change security settings: asks for the password first when needed. */
export async function requireSudo(returnTo: string, options: SessionGuardOptions = {}): Promise<ActiveSession> {
  const current = await requireSession(options);
  if (!inSudoMode(current.session)) redirect(`/settings/confirm-password?next=${encodeURIComponent(returnTo)}`);
  return current;
}
