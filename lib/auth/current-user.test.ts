import assert from "node:assert/strict";
import { test } from "node:test";
import { encode } from "next-auth/jwt";
import {
  getCurrentSession,
  redirectPastTwoFactorDeadline,
  requireSession,
  requireSudo,
  revokeCurrentSession,
} from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { newAccount, newSession, reload } from "@/lib/test-support/accounts";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { inRequest } from "@/lib/test-support/next-request";

freshDatabaseForEachFile();
process.env.APP_URL = "http://keyring.test";
process.env.REQUIRE_TWO_FACTOR = "none";

/** The session cookie next-auth would have set for this token. */
const sessionCookie = async (token: Record<string, unknown>) => ({
  "next-auth.session-token": await encode({ token, secret: config().authSecret }),
});

test("the session is read from next-auth's cookie and checked against the database", async () => {
  const user = await newAccount();
  const session = await newSession(user.id);

  const signedIn = await inRequest({ cookies: await sessionCookie({ sid: session.secret }) }, getCurrentSession);
  assert.equal(signedIn.result?.session.id, session.id);
  assert.equal(signedIn.result?.user.id, user.id);

  assert.equal((await inRequest({}, getCurrentSession)).result, null, "no cookie: no one is signed in");
  const refusals = [
    { "next-auth.session-token": "not-a-token" },
    { "__Secure-next-auth.session-token": (await sessionCookie({ sid: session.secret }))["next-auth.session-token"] },
    await sessionCookie({ sub: user.id }),
    await sessionCookie({ sid: 42 }),
    await sessionCookie({ sid: "an-unknown-session-secret" }),
  ];
  for (const cookies of refusals) assert.equal((await inRequest({ cookies }, getCurrentSession)).result, null, JSON.stringify(cookies));
  const otherSecret = await encode({ token: { sid: session.secret }, secret: "another secret of at least thirty-two characters" });
  assert.equal((await inRequest({ cookies: { "next-auth.session-token": otherSecret } }, getCurrentSession)).result, null);
});

test("signing out ends this browser's session only, and without a session does nothing", async () => {
  const user = await newAccount();
  const mine = await newSession(user.id);
  const other = await newSession(user.id);

  await inRequest({ cookies: await sessionCookie({ sid: mine.secret }) }, revokeCurrentSession);
  assert.ok((await db().session.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt);
  assert.equal((await db().session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt, null);
  assert.equal((await inRequest({ cookies: await sessionCookie({ sid: mine.secret }) }, getCurrentSession)).result, null);

  const before = await db().session.count({ where: { revokedAt: null } });
  await inRequest({}, revokeCurrentSession);
  assert.equal(await db().session.count({ where: { revokedAt: null } }), before);
});

test("pages that need a user send everyone else to the sign-in page", async () => {
  const user = await newAccount();
  const session = await newSession(user.id);

  assert.equal((await inRequest({}, () => requireSession())).redirectedTo, "/auth/sign-in");
  const revoked = await newSession(user.id);
  await db().session.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  assert.equal(
    (await inRequest({ cookies: await sessionCookie({ sid: revoked.secret }) }, () => requireSession())).redirectedTo,
    "/auth/sign-in",
  );

  const allowed = await inRequest({ cookies: await sessionCookie({ sid: session.secret }) }, () => requireSession());
  assert.equal(allowed.redirectedTo, null);
  assert.equal(allowed.result?.user.id, user.id);
});

test("security settings ask for the password unless it was entered less than 15 minutes ago", async () => {
  const user = await newAccount();
  const session = await newSession(user.id);
  const cookies = await sessionCookie({ sid: session.secret });
  const returnTo = "/settings/two-factor?step=2&x=a b";

  const asked = await inRequest({ cookies }, () => requireSudo(returnTo));
  assert.equal(asked.redirectedTo, "/settings/confirm-password?next=%2Fsettings%2Ftwo-factor%3Fstep%3D2%26x%3Da%20b");

  await db().session.update({ where: { id: session.id }, data: { sudoUntil: new Date(Date.now() + 14 * 60 * 1000) } });
  const allowed = await inRequest({ cookies }, () => requireSudo(returnTo));
  assert.equal(allowed.redirectedTo, null);
  assert.equal(allowed.result?.session.id, session.id);

  await db().session.update({ where: { id: session.id }, data: { sudoUntil: new Date(Date.now() - 1000) } });
  assert.match((await inRequest({ cookies }, () => requireSudo(returnTo))).redirectedTo ?? "", /^\/settings\/confirm-password\?/);

  assert.equal((await inRequest({}, () => requireSudo(returnTo))).redirectedTo, "/auth/sign-in", "signed out: sign in first");
});

test("an account past its two-factor deadline reaches only the two-factor setup", async () => {
  const user = await newAccount();
  const session = await newSession(user.id);
  const cookies = await sessionCookie({ sid: session.secret });
  await db().user.update({
    where: { id: user.id },
    data: { twoFactorRequiredByAdmin: true, twoFactorDeadline: new Date(Date.now() - 1000) },
  });

  assert.equal((await inRequest({ cookies }, () => requireSession())).redirectedTo, "/settings/two-factor");
  assert.equal((await inRequest({ cookies }, () => requireSudo("/settings/sessions"))).redirectedTo, "/settings/two-factor");
  const setup = await inRequest({ cookies }, () => requireSession({ twoFactorSetup: true }));
  assert.equal(setup.redirectedTo, null);
  assert.equal(setup.result?.user.id, user.id);

  await db().user.update({ where: { id: user.id }, data: { twoFactorDeadline: new Date(Date.now() + 60 * 60 * 1000) } });
  assert.equal((await inRequest({ cookies }, () => requireSession())).redirectedTo, null, "before the deadline: everything");
  assert.ok((await reload(user.id)).twoFactorDeadline);
});

test("the deadline check on a page that reads the session itself lets the signed-out through", async () => {
  const outcome = await inRequest({}, () => redirectPastTwoFactorDeadline());
  assert.equal(outcome.redirectedTo, null);
  assert.equal(outcome.refusedWith, null);
});
