import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import type { EmailContent } from "@/lib/mail/layout";
import type { SecurityEvent } from "@/lib/mail/security-event";

// What each two-factor email says, word for word: these are what a user reads to decide whether to act.
before(() => {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "keyring-test-"));
  process.env.APP_NAME = "Keyring";
  process.env.APP_URL = "http://keyring.test";
});

const at = new Date("2026-03-04T05:06:00Z");
const mine: SecurityEvent = { at, by: "account", ip: "192.0.2.40", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
const administrator: SecurityEvent = { at, by: "administrator", ip: null, userAgent: null };
const operator: SecurityEvent = { at, by: "operator", ip: null, userAgent: null };
const emails = () => import("./emails");

function assertEmail(email: EmailContent, subject: string, text: string) {
  assert.equal(email.subject, subject);
  assert.equal(email.text, text);
}

test("turning on 2FA with an authenticator app", async () => {
  const { twoFactorEnabledEmail } = await emails();
  assertEmail(
    twoFactorEnabledEmail({ username: "ada", event: mine, method: "authenticator app" }),
    "Two-factor authentication is on for your Keyring account",
    `Hello @ada,

Two-factor authentication with an authenticator app was turned on for your Keyring account. From now on, signing in asks for a code from that app after your password.

Keep your backup codes somewhere safe: they get you in if you lose your phone.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your security settings:
http://keyring.test/settings/two-factor

If you did not do this, someone may know your password: reset it now and contact the administrators.

— Keyring`,
  );
});

test("turning on 2FA with a security key", async () => {
  const { twoFactorEnabledEmail } = await emails();
  assertEmail(
    twoFactorEnabledEmail({ username: "ada", event: mine, method: "security key" }),
    "Two-factor authentication is on for your Keyring account",
    `Hello @ada,

Two-factor authentication with a security key was turned on for your Keyring account. From now on, signing in asks for that key after your password.

Keep your backup codes somewhere safe: they get you in if you lose your phone.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your security settings:
http://keyring.test/settings/two-factor

If you did not do this, someone may know your password: reset it now and contact the administrators.

— Keyring`,
  );
});

test("turning 2FA off oneself", async () => {
  const { twoFactorDisabledEmail } = await emails();
  assertEmail(
    twoFactorDisabledEmail({ username: "ada", event: mine }),
    "Two-factor authentication is off for your Keyring account",
    `Hello @ada,

Two-factor authentication was turned off for your Keyring account. Signing in now needs only your password.

We recommend turning it back on in your security settings.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Set up two-factor authentication:
http://keyring.test/settings/two-factor

If you did not do this, reset your password now and contact the administrators.

— Keyring`,
  );
});

test("2FA turned off by an administrator", async () => {
  const { twoFactorDisabledEmail } = await emails();
  assertEmail(
    twoFactorDisabledEmail({ username: "ada", event: administrator }),
    "Two-factor authentication is off for your Keyring account",
    `Hello @ada,

An administrator turned off two-factor authentication for your Keyring account and signed out every session. Signing in now needs only your password.

We recommend turning it back on in your security settings.

When: 4 Mar 2026, 05:06 UTC
From: an administrator, in the administration pages

Set up two-factor authentication:
http://keyring.test/settings/two-factor

If you did not do this, reset your password now and contact the administrators.

— Keyring`,
  );
});

test("2FA turned off by the operator", async () => {
  const { twoFactorDisabledEmail } = await emails();
  assertEmail(
    twoFactorDisabledEmail({ username: "ada", event: operator }),
    "Two-factor authentication is off for your Keyring account",
    `Hello @ada,

The server's operator turned off two-factor authentication for your Keyring account and signed out every session. Signing in now needs only your password.

We recommend turning it back on in your security settings.

When: 4 Mar 2026, 05:06 UTC
From: the server's operator, at the command line

Set up two-factor authentication:
http://keyring.test/settings/two-factor

If you did not do this, reset your password now and contact the administrators.

— Keyring`,
  );
});

test("an authenticator app added beside a key", async () => {
  const { authenticatorAddedEmail } = await emails();
  assertEmail(
    authenticatorAddedEmail({ username: "ada", event: mine }),
    "An authenticator app was added to your Keyring account",
    `Hello @ada,

An authenticator app was set up for your Keyring account. Its codes can now be used as the second step when you sign in.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your security settings:
http://keyring.test/settings/two-factor

If you did not do this, someone may know your password: reset it now and contact the administrators.

— Keyring`,
  );
});

test("codes by email turned on", async () => {
  const { emailCodesChangedEmail } = await emails();
  assertEmail(
    emailCodesChangedEmail({ username: "ada", event: mine, enabled: true }),
    "Sign-in codes by email are on for your Keyring account",
    `Hello @ada,

When you sign in to Keyring, you can now ask for a code by email instead of using your app or security key.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your security settings:
http://keyring.test/settings/two-factor

If you did not do this, reset your password now and contact the administrators.

— Keyring`,
  );
});

test("codes by email turned off", async () => {
  const { emailCodesChangedEmail } = await emails();
  assertEmail(
    emailCodesChangedEmail({ username: "ada", event: mine, enabled: false }),
    "Sign-in codes by email are off for your Keyring account",
    `Hello @ada,

Codes by email can no longer be used as the second step when you sign in to Keyring.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your security settings:
http://keyring.test/settings/two-factor

If you did not do this, reset your password now and contact the administrators.

— Keyring`,
  );
});

test("the emailed sign-in code (not in the subject)", async () => {
  const { signInCodeEmail } = await emails();
  assertEmail(
    signInCodeEmail({ username: "ada", event: mine, code: "482913", minutes: 10 }),
    "Your Keyring sign-in code",
    `Hello @ada,

Someone who knows your password is signing in to Keyring and asked for a code by email. Your code is:

482913

It works once, for that sign-in only, and expires in 10 minutes. Never give it to anyone: Keyring staff will never ask for it.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

If you are not signing in right now, someone knows your password: do not use the code, and change your password at once.

— Keyring`,
  );
});

test("a failed second step at sign-in", async () => {
  const { failedSecondFactorEmail } = await emails();
  assertEmail(
    failedSecondFactorEmail({
      username: "ada",
      event: mine,
      method: "authenticator app",
      place: "sign-in",
      notMe: "http://keyring.test/auth/not-me?token=n0t",
    }),
    "Failed sign-in attempt on your Keyring account",
    `Hello @ada,

Someone entered your password correctly but then failed the second step (authenticator app). They were not let in.

If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your security log:
http://keyring.test/settings/security-log

This wasn't me: sign out everywhere and lock my account (works once, for 24 hours):
http://keyring.test/auth/not-me?token=n0t

If it was not you, someone knows your password: use the link above, or change your password now.

— Keyring`,
  );
});

test("a wrong code when confirming it was you", async () => {
  const { failedSecondFactorEmail } = await emails();
  assertEmail(
    failedSecondFactorEmail({
      username: "ada",
      event: mine,
      method: "authenticator app",
      place: "sudo",
      notMe: "http://keyring.test/auth/not-me?token=n0t",
    }),
    "Wrong second factor entered on your Keyring account",
    `Hello @ada,

In a session signed in to your account, a wrong code was entered (authenticator app, when asked to confirm it was you before a security change). Nothing was changed.

If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your sessions:
http://keyring.test/settings/sessions

This wasn't me: sign out everywhere and lock my account (works once, for 24 hours):
http://keyring.test/auth/not-me?token=n0t

If it was not you, use the link above: it signs out every session, and you choose a new password by email.

— Keyring`,
  );
});

test("a wrong code confirming an administrator action", async () => {
  const { failedSecondFactorEmail } = await emails();
  assertEmail(
    failedSecondFactorEmail({
      username: "ada",
      event: mine,
      method: "authenticator app",
      place: "admin-action",
      notMe: "http://keyring.test/auth/not-me?token=n0t",
    }),
    "Wrong second factor entered on your Keyring account",
    `Hello @ada,

In a session signed in to your account, a wrong code was entered (authenticator app, to confirm an administrator action). Nothing was changed.

If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your sessions:
http://keyring.test/settings/sessions

This wasn't me: sign out everywhere and lock my account (works once, for 24 hours):
http://keyring.test/auth/not-me?token=n0t

If it was not you, use the link above: it signs out every session, and you choose a new password by email.

— Keyring`,
  );
});

test("a wrong code turning 2FA off", async () => {
  const { failedSecondFactorEmail } = await emails();
  assertEmail(
    failedSecondFactorEmail({
      username: "ada",
      event: mine,
      method: "authenticator app",
      place: "disable-two-factor",
      notMe: "http://keyring.test/auth/not-me?token=n0t",
    }),
    "Wrong second factor entered on your Keyring account",
    `Hello @ada,

In a session signed in to your account, a wrong code was entered (authenticator app, to turn off two-factor authentication). Nothing was changed.

If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your sessions:
http://keyring.test/settings/sessions

This wasn't me: sign out everywhere and lock my account (works once, for 24 hours):
http://keyring.test/auth/not-me?token=n0t

If it was not you, use the link above: it signs out every session, and you choose a new password by email.

— Keyring`,
  );
});

test("a wrong code checking a backup code", async () => {
  const { failedSecondFactorEmail } = await emails();
  assertEmail(
    failedSecondFactorEmail({
      username: "ada",
      event: mine,
      method: "authenticator app",
      place: "backup-code-check",
      notMe: "http://keyring.test/auth/not-me?token=n0t",
    }),
    "Wrong second factor entered on your Keyring account",
    `Hello @ada,

In a session signed in to your account, a wrong code was entered (authenticator app, to check a backup code without using it). Nothing was changed.

If it was you, there is nothing to do. Further attempts within the hour are not emailed, but they are in your security log.

When: 4 Mar 2026, 05:06 UTC
From: Firefox 128 on Linux, IP address 192.0.2.40

Review your sessions:
http://keyring.test/settings/sessions

This wasn't me: sign out everywhere and lock my account (works once, for 24 hours):
http://keyring.test/auth/not-me?token=n0t

If it was not you, use the link above: it signs out every session, and you choose a new password by email.

— Keyring`,
  );
});
