import assert from "node:assert/strict";
import { test } from "node:test";
import { newAccount, outboxTo } from "@/lib/test-support/accounts";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { randomToken } from "@/lib/tokens/random";
import { activateSignInGrant, createSignInGrant } from "./sessions";

freshDatabaseForEachFile();

const CHROME_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";

async function signInFrom(userId: string, deviceId: string | null, client = { ip: "203.0.113.80", userAgent: CHROME_ANDROID }) {
  assert.ok(await activateSignInGrant(await createSignInGrant(userId, { ...client, deviceId }, "password")));
}

const alerts = async (email: string) => (await outboxTo(email)).filter((mail) => /New sign-in/.test(mail.subject));

test("a sign-in from a browser the account has not used is emailed, once; the same browser again is not", async () => {
  const user = await newAccount();
  const laptop = randomToken();
  await signInFrom(user.id, laptop);
  assert.equal((await alerts(user.email)).length, 0, "the account's first sign-in has nothing to compare with");
  await signInFrom(user.id, laptop);
  assert.equal((await alerts(user.email)).length, 0, "a known browser");

  await signInFrom(user.id, randomToken(), { ip: "198.51.100.23", userAgent: CHROME_ANDROID });
  const [alert, ...more] = await alerts(user.email);
  assert.equal(more.length, 0);
  assert.match(alert?.subject ?? "", /^New sign-in to your .* account$/);
  assert.match(alert?.text ?? "", /\nWhen: .* UTC\nFrom: Chrome 120 on Android 14, IP address 198\.51\.100\.23\n/);
  assert.match(alert?.text ?? "", /change your password now, then turn on two-factor authentication/);
  assert.match(alert?.html ?? "", /198\.51\.100\.23/);
});

test("the same browser name and system with another device cookie is a new browser", async () => {
  const user = await newAccount();
  await signInFrom(user.id, randomToken());
  await signInFrom(user.id, randomToken());
  assert.equal((await alerts(user.email)).length, 1, "same user agent and address, but another browser");
});

test("the device cookie is stored only as a digest", async () => {
  const user = await newAccount();
  const deviceId = randomToken();
  await signInFrom(user.id, deviceId);
  const stored = await db().session.findMany({ where: { userId: user.id }, select: { deviceHash: true } });
  assert.equal(stored.length, 1);
  assert.ok(stored[0]?.deviceHash && stored[0].deviceHash !== deviceId && /^[0-9a-f]{64}$/.test(stored[0].deviceHash));
});

test("an account with two-factor authentication (an app or only a key) gets no new-browser email", async () => {
  const user = await newAccount();
  await signInFrom(user.id, randomToken());
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: new Date() } });
  await signInFrom(user.id, randomToken());
  assert.equal((await alerts(user.email)).length, 0);
});

test("a grant that is never exchanged does not make its browser known", async () => {
  const user = await newAccount();
  const phone = randomToken();
  await signInFrom(user.id, randomToken());
  await createSignInGrant(user.id, { deviceId: phone }, "password");
  await signInFrom(user.id, phone);
  assert.equal((await alerts(user.email)).length, 1);
});

test("the new-browser email says what happened, why the password was enough, and what to do", async () => {
  const user = await newAccount();
  await signInFrom(user.id, randomToken());
  await signInFrom(user.id, randomToken());
  const [alert] = await alerts(user.email);
  assert.equal(alert?.subject, "New sign-in to your Keyring account");
  const text = alert?.text ?? "";
  assert.ok(text.startsWith(`Hello @${user.username},\n\n`), text);
  for (const line of [
    "Your Keyring account was signed in to from a browser it had not been used from before.",
    "Your account does not use two-factor authentication, so your password alone was enough. If it was you, there is nothing to do.",
    "Review your sessions:\nhttp://localhost:3000/settings/sessions\n",
    "If this was not you: use the link above to sign out everywhere, or change your password now, then turn on two-factor authentication in your security settings.",
  ]) {
    assert.ok(text.includes(line), line);
  }
  assert.match(text, /\nThis wasn't me: .*:\nhttp:\/\/localhost:3000\/auth\/not-me\?token=\S+\n/);
});

test("a session made without a device cookie is never reported, even after sign-ins from known browsers", async () => {
  const user = await newAccount();
  await signInFrom(user.id, randomToken());
  await signInFrom(user.id, null);
  await signInFrom(user.id, null);
  assert.equal((await alerts(user.email)).length, 0);
});
