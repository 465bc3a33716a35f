import assert from "node:assert/strict";
import { test } from "node:test";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { beginSecondStep, forgetPendingSignIn, grantSignIn, pendingSignInToken, presentedDeviceId } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { activateSignInGrant } from "@/lib/sessions/sessions";
import { browser, digest, newAccount } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { inRequest, type SetCookie } from "@/lib/test-support/next-request";

freshDatabaseForEachFile();
process.env.APP_URL = "http://keyring.test";

const cookieNamed = (cookies: SetCookie[], name: string) => {
  const found = cookies.filter((cookie) => cookie.name === name);
  const [cookie, ...others] = found;
  assert.ok(cookie && others.length === 0, `one ${name} cookie set, got ${JSON.stringify(cookies)}`);
  return cookie;
};
/** The cookie's attributes but Expires (Next.js adds it beside Max-Age). */
const attributes = (cookie: SetCookie) =>
  cookie.attributes
    .map((attribute) => attribute.toLowerCase())
    .filter((attribute) => !attribute.startsWith("expires="))
    .sort();
const WELL_FORMED_DEVICE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_9";

test("a finished sign-in hands next-auth a one-minute grant in a cookie only its callback receives", async () => {
  const user = await newAccount();
  const { setCookies } = await inRequest({}, () => grantSignIn(user, browser, "authenticator"));

  const grant = cookieNamed(setCookies, "signin-grant");
  assert.deepEqual(attributes(grant), ["httponly", "max-age=60", "path=/api/auth", "samesite=strict"]);
  const session = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(grant.value) } });
  assert.equal(session.userId, user.id);
  assert.equal(session.signInMethod, "authenticator");
  assert.equal(session.ip, browser.ip);
  assert.equal(session.userAgent, browser.userAgent);
  assert.equal(session.activatedAt, null, "the grant is not a session until next-auth exchanges it");
  assert.equal((await activateSignInGrant(grant.value))?.userId, user.id);
});

test("the browser gets a device id for 400 days; a well-formed one it already has is kept", async () => {
  const user = await newAccount();
  const fresh = await inRequest({}, () => grantSignIn(user, browser, "password"));
  const device = cookieNamed(fresh.setCookies, "device");
  assert.match(device.value, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(attributes(device), ["httponly", "max-age=34560000", "path=/", "samesite=lax"]);
  const grant = cookieNamed(fresh.setCookies, "signin-grant").value;
  assert.equal((await db().session.findUniqueOrThrow({ where: { tokenHash: digest(grant) } })).deviceHash, digest(device.value));

  const again = await inRequest({ cookies: { device: WELL_FORMED_DEVICE } }, () => grantSignIn(user, browser, "password"));
  assert.equal(cookieNamed(again.setCookies, "device").value, WELL_FORMED_DEVICE, "renewed with the same id");
  const secondGrant = cookieNamed(again.setCookies, "signin-grant").value;
  assert.equal(
    (await db().session.findUniqueOrThrow({ where: { tokenHash: digest(secondGrant) } })).deviceHash,
    digest(WELL_FORMED_DEVICE),
  );

  for (const malformed of [
    WELL_FORMED_DEVICE.slice(1),
    `${WELL_FORMED_DEVICE}x`,
    `${WELL_FORMED_DEVICE.slice(1)}.`,
    `x${WELL_FORMED_DEVICE}`,
  ]) {
    const replaced = await inRequest({ cookies: { device: malformed } }, () => grantSignIn(user, browser, "password"));
    const id = cookieNamed(replaced.setCookies, "device").value;
    assert.notEqual(id, malformed);
    assert.match(id, /^[A-Za-z0-9_-]{43}$/);
  }
});

test("only a device id of the generated shape is read back", async () => {
  assert.equal((await inRequest({ cookies: { device: WELL_FORMED_DEVICE } }, presentedDeviceId)).result, WELL_FORMED_DEVICE);
  for (const cookies of <Record<string, string>[]>[
    {},
    { device: "" },
    { device: "short" },
    { device: `${WELL_FORMED_DEVICE.slice(0, 42)}=` },
    { other: WELL_FORMED_DEVICE },
  ]) {
    assert.equal((await inRequest({ cookies }, presentedDeviceId)).result, undefined, JSON.stringify(cookies));
  }
});

test("the second step's cookie carries the pending sign-in on /auth for ten minutes, and is removed with the same path", async () => {
  const user = await newAccount();
  const { setCookies } = await inRequest({}, () => beginSecondStep(user, browser));
  const pending = cookieNamed(setCookies, "pending-signin");
  assert.deepEqual(attributes(pending), ["httponly", "max-age=600", "path=/auth", "samesite=lax"]);
  assert.equal((await findPendingSignIn(pending.value))?.user.id, user.id);

  assert.equal((await inRequest({ cookies: { "pending-signin": pending.value } }, pendingSignInToken)).result, pending.value);
  assert.equal((await inRequest({ cookies: { "signin-grant": pending.value } }, pendingSignInToken)).result, undefined);

  const forgotten = await inRequest({ cookies: { "pending-signin": pending.value } }, forgetPendingSignIn);
  const removal = cookieNamed(forgotten.setCookies, "pending-signin");
  assert.equal(removal.value, "");
  assert.ok(attributes(removal).includes("max-age=0"));
  assert.ok(attributes(removal).includes("path=/auth"), "a removal on another path leaves the cookie in place");
});
