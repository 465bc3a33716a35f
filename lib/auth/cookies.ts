import "server-only";
import { config } from "@/lib/config";

/** Cookies are Secure whenever the app is served over https (always, in production). */
function secure(): boolean {
  return config().appUrl.protocol === "https:";
}

export function sessionCookie() {
  const prefix = secure() ? "__Secure-" : "";
  return {
    name: `${prefix}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secure() },
  };
}

/** Carries the one-minute sign-in grant from the sign-in action to next-auth's credentials callback. */
export function signInGrantCookie() {
  const prefix = secure() ? "__Secure-" : "";
  return {
    name: `${prefix}signin-grant`,
    options: { httpOnly: true, sameSite: "strict" as const, path: "/api/auth", secure: secure(), maxAge: 60 },
  };
}

/** Carries the pending sign-in between the password and the second step; ten minutes at most. */
export function pendingSignInCookie() {
  const prefix = secure() ? "__Secure-" : "";
  return {
    name: `${prefix}pending-signin`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/auth", secure: secure(), maxAge: 10 * 60 },
  };
}

/**
 * Binds a passwordless sign-in's challenge to the sign-in page that asked for it (lib/passkeys/challenge.ts):
 * a random id whose SHA-256 keys the challenge; five minutes, like the challenge.
 */
export function passkeyChallengeCookie() {
  const prefix = secure() ? "__Secure-" : "";
  return {
    name: `${prefix}passkey-challenge`,
    options: { httpOnly: true, sameSite: "strict" as const, path: "/auth", secure: secure(), maxAge: 5 * 60 },
  };
}

/**
 * Names this browser across sign-ins (a random id, not a credential), so that a sign-in from a
 * browser the account has never used can be told apart: lib/sessions/new-browser.ts. 400 days is
 * the longest lifetime browsers keep; each sign-in renews it.
 */
export function deviceCookie() {
  const prefix = secure() ? "__Secure-" : "";
  return {
    name: `${prefix}device`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secure(), maxAge: 400 * 24 * 60 * 60 },
  };
}
