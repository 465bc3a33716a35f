import assert from "node:assert/strict";
import { test } from "node:test";
import { deviceCookie, passkeyChallengeCookie, pendingSignInCookie, sessionCookie, signInGrantCookie } from "@/lib/auth/cookies";
import { authOptions } from "@/lib/auth/options";

// Served over https, as in production (lib/auth/sign-in.test.ts covers plain http).
process.env.APP_URL = "https://keyring.example";

test("over https every cookie is Secure, HttpOnly and __Secure- prefixed, with its own path, SameSite and lifetime", () => {
  assert.deepEqual(sessionCookie(), {
    name: "__Secure-next-auth.session-token",
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
  });
  assert.deepEqual(signInGrantCookie(), {
    name: "__Secure-signin-grant",
    options: { httpOnly: true, sameSite: "strict", path: "/api/auth", secure: true, maxAge: 60 },
  });
  assert.deepEqual(pendingSignInCookie(), {
    name: "__Secure-pending-signin",
    options: { httpOnly: true, sameSite: "lax", path: "/auth", secure: true, maxAge: 10 * 60 },
  });
  assert.deepEqual(passkeyChallengeCookie(), {
    name: "__Secure-passkey-challenge",
    options: { httpOnly: true, sameSite: "strict", path: "/auth", secure: true, maxAge: 5 * 60 },
  });
  assert.deepEqual(deviceCookie(), {
    name: "__Secure-device",
    options: { httpOnly: true, sameSite: "lax", path: "/", secure: true, maxAge: 400 * 24 * 60 * 60 },
  });
  assert.equal(authOptions().useSecureCookies, true, "next-auth's own cookies (csrf, callback URL) too");
});
