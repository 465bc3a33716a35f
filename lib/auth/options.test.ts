import assert from "node:assert/strict";
import { test } from "node:test";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { deviceCookie, passkeyChallengeCookie, pendingSignInCookie, sessionCookie, signInGrantCookie } from "@/lib/auth/cookies";
import { authOptions } from "@/lib/auth/options";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createSignInGrant } from "@/lib/sessions/sessions";
import { browser, digest, newAccount, newSession } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();
process.env.APP_URL = "http://keyring.test";
process.env.SESSION_MAX_AGE_DAYS = "30";

/** next-auth's credentials callback, given the request's Cookie header. */
async function authorize(cookieHeader?: string | null) {
  const provider = authOptions().providers[0] as unknown as CredentialsConfig;
  const request = cookieHeader === null ? {} : { headers: cookieHeader === undefined ? {} : { cookie: cookieHeader } };
  return provider.options!.authorize!({}, request as never);
}

test("next-auth's session cookie is its own, lives 30 days, and is encrypted with the app's secret", () => {
  const options = authOptions();
  assert.equal(options.secret, config().authSecret);
  assert.equal(options.useSecureCookies, false, "plain http here");
  assert.equal(options.cookies?.sessionToken?.name, "next-auth.session-token");
  assert.deepEqual(options.session, { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 });
  assert.deepEqual(options.pages, { signIn: "/auth/sign-in", error: "/auth/sign-in" });
  assert.equal(options.providers.length, 1, "no way in but the sign-in grant");
  assert.equal(options.providers[0]?.id, "credentials", "the pages post to /api/auth/callback/credentials");
});

test("over plain http the cookies are neither Secure nor __Secure- prefixed (a browser would drop them)", () => {
  for (const cookie of [sessionCookie(), signInGrantCookie(), pendingSignInCookie(), passkeyChallengeCookie(), deviceCookie()]) {
    assert.doesNotMatch(cookie.name, /^__Secure-/);
    assert.equal(cookie.options.secure, false, cookie.name);
  }
  assert.equal(passkeyChallengeCookie().name, "passkey-challenge");
});

test("the credentials callback accepts a sign-in grant from its cookie, once, and nothing else", async () => {
  const user = await newAccount();
  const grant = await createSignInGrant(user.id, browser);

  assert.equal(await authorize(null), null, "a request without headers");
  assert.equal(await authorize(), null);
  assert.equal(await authorize(`signin-grant=${grant.slice(0, 20)}=${grant.slice(20)}`), null, 'an "=" inside the value is part of it');
  assert.equal(await authorize(""), null);
  assert.equal(await authorize(`other=${grant}`), null, "a grant in another cookie");
  assert.equal(await authorize(`signin-grant=${grant.slice(1)}`), null);

  const accepted = await authorize(`theme=dark; signin-grant=${encodeURIComponent(grant)}; lang=de`);
  assert.equal(accepted?.id, user.id);
  const session = await db().session.findUniqueOrThrow({
    where: { tokenHash: digest((accepted as { sessionSecret: string }).sessionSecret) },
  });
  assert.equal(session.userId, user.id);
  assert.ok(session.activatedAt);

  assert.equal(await authorize(`signin-grant=${grant}`), null, "a grant is exchanged once");
});

test("the token carries the session secret; the session next-auth shows the browser carries nothing but its expiry", async () => {
  const { jwt, session } = authOptions().callbacks!;
  const signedIn = await jwt!({ token: { name: "x", email: "x@example.com" }, user: { id: "u1", sessionSecret: "s1" } as never } as never);
  assert.deepEqual(signedIn, { sub: "u1", sid: "s1" }, "no name, address or picture in the cookie");
  const later = { sub: "u1", sid: "s1" };
  assert.equal(await jwt!({ token: later } as never), later);

  const shown = await session!({ session: { expires: "2026-12-31T00:00:00.000Z", user: { name: "x" } }, token: later } as never);
  assert.deepEqual(shown, { expires: "2026-12-31T00:00:00.000Z" });
});

test("signing out through next-auth ends the token's session", async () => {
  const user = await newAccount();
  const mine = await newSession(user.id);
  const other = await newSession(user.id);
  const { signOut } = authOptions().events!;

  await signOut!({ token: { sid: mine.secret } } as never);
  await signOut!({ token: { sid: 42 } } as never);
  await signOut!({ token: null } as never);
  assert.ok((await db().session.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt);
  assert.equal((await db().session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt, null);
});
