import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { activateSignInGrant, revokeSession } from "@/lib/sessions/sessions";
import { sessionCookie, signInGrantCookie } from "./cookies";

// Next.js's bundler hands over the CommonJS module's default export; Node's own loader (the unit tests)
// hands over the module, whose `default` it is.
const CredentialsProvider = (Credentials as unknown as { default?: typeof Credentials }).default ?? Credentials;

/**
 * next-auth only turns a finished sign-in into the encrypted session cookie. The checks (password,
 * later the second factor, rate limits) run in the sign-in server actions, which hand next-auth a
 * one-minute, single-use grant in an HttpOnly cookie; `authorize` accepts nothing else.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: config().authSecret,
    useSecureCookies: config().appUrl.protocol === "https:",
    cookies: { sessionToken: sessionCookie() },
    session: { strategy: "jwt", maxAge: config().session.maxAgeSeconds },
    pages: { signIn: "/auth/sign-in", error: "/auth/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Sign-in grant",
        credentials: {},
        async authorize(_credentials, request) {
          const grant = readCookie(request.headers?.cookie, signInGrantCookie().name);
          if (!grant) return null;
          const activated = await activateSignInGrant(grant);
          return activated ? { id: activated.userId, sessionSecret: activated.sessionSecret } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) return { sub: user.id, sid: user.sessionSecret };
        return token;
      },
      // The session secret stays inside the encrypted cookie; /api/auth/session never shows it.
      session({ session }) {
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
