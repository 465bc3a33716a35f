import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility";
import { createAccount, enableAuthenticator, operatorCommand, runWithAppDatabase } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { linkIn, waitForEmail } from "./support/mail";
import { startOwnServer } from "./support/own-server";
import { addPasskey, addPasskeyAuthenticator, holdAutofill } from "./support/passkeys";
import { chooseNewPassword, requestResetLink } from "./support/password-reset";
import { addSecurityKey, confirmPasswordIfAsked, plugInSecurityKey } from "./support/security-keys";
import { signIn, signOut } from "./support/sign-in";
import { recordSecret } from "./support/secrets";
import { codeAt, enableTwoFactor, readBackupCodes, signInWithPassword } from "./support/two-factor";

// Every page and state the flows reach, checked by axe in light and in dark (e2e/support/accessibility.ts).
// Each check takes a few seconds, and a test makes up to fifty of them.
test.describe.configure({ timeout: 480_000 });

const passkeyButton = (page: Page) => page.getByRole("button", { name: "Sign in with a passkey" });
const deadlineBanner = (page: Page) => page.getByTestId("two-factor-deadline");

test("signed out: sign-in, sign-up, password reset, confirmation, This wasn't me, not found", async ({ page }) => {
  await page.goto("/auth/sign-in");
  await expect(passkeyButton(page)).toBeVisible();
  await expectAccessible(page, "sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await expectAccessible(page, "sign-in with errors");

  await page.goto("/auth/sign-up");
  await expectAccessible(page, "sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await expectAccessible(page, "sign-up with errors");

  await page.goto("/auth/password/new");
  await expectAccessible(page, "password reset request");
  await page.goto("/auth/confirmation/new");
  await expectAccessible(page, "new confirmation link");

  const unconfirmed = createAccount({ confirmed: false });
  const confirmation = linkIn(await waitForEmail(unconfirmed.email, /Confirm your email address/), "/auth/confirmation");
  await page.goto(confirmation);
  await expectAccessible(page, "confirmation");
  await page.goto("/auth/confirmation?token=not-a-real-link");
  await expectAccessible(page, "confirmation with a bad link");

  const account = createAccount();
  await page.goto(await requestResetLink(page, account.email));
  await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
  await expectAccessible(page, "password reset form");
  await page.getByRole("button", { name: "Change my password" }).click();
  await expect(page.locator("#password-error")).toBeVisible();
  await expectAccessible(page, "password reset form with errors");

  // The "This wasn't me" link of the password-changed email: the button, the lockdown done, the link used up.
  await chooseNewPassword(page, `${account.password} renewed`);
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=password-reset/);
  const notMe = linkIn(await waitForEmail(account.email, /password was changed/), "/auth/not-me");
  await page.goto(notMe);
  await expect(page.getByRole("heading", { name: "This wasn't me" })).toBeVisible();
  await expectAccessible(page, "this wasn't me");
  await page.getByRole("button", { name: "Sign out everywhere and lock my account" }).click();
  await expect(page.getByRole("heading", { name: "Your account is locked down" })).toBeVisible();
  await expectAccessible(page, "account locked down");
  await page.goto(notMe);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already been used");
  await expectAccessible(page, "this wasn't me, link used");

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "not found, signed out");
});

async function preferencesPages(page: Page, state: string) {
  for (const path of ["/settings/account", "/settings/two-factor", "/settings/sessions", "/settings/security-log"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, `${path}, ${state}`);
  }
}

test("Preferences with two-factor authentication off and on, backup codes, the second step by each method", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await preferencesPages(page, "2FA off");
  await page.goto("/settings/account");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#currentPassword-error")).toBeVisible();
  await expectAccessible(page, "change password with errors");
  await page.goto("/settings/no-such-page");
  await expectAccessible(page, "not found, signed in");

  await page.goto("/settings/two-factor");
  await page.getByRole("link", { name: "Set up authenticator app" }).click();
  await expect(page).toHaveURL(/\/settings\/confirm-password/);
  await expectAccessible(page, "confirm password (sudo)");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  await expectAccessible(page, "authenticator setup");
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await readBackupCodes(page);
  await expectAccessible(page, "first backup codes shown");
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is on");
  await expectAccessible(page, "two-factor just turned on");

  await page.goto("/settings/account/email");
  await expect(page.getByRole("heading", { level: 1, name: "Change email address" })).toBeVisible();
  await expectAccessible(page, "change email");
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await expectAccessible(page, "change email with errors");

  await plugInSecurityKey(page);
  await addSecurityKey(page, account, "Desk key");
  await expectAccessible(page, "two-factor with a security key added");
  await page.getByRole("button", { name: "Turn on codes by email" }).click();
  await expect(page.getByRole("button", { name: "Turn off codes by email" })).toBeVisible();
  await preferencesPages(page, "2FA on");

  await page.goto("/settings/two-factor/backup-codes");
  await confirmPasswordIfAsked(page, account.password);
  await expect(page.getByRole("heading", { name: "Regenerate backup codes" })).toBeVisible();
  await expectAccessible(page, "regenerate backup codes");
  await page.getByRole("button", { name: "Generate new codes" }).click();
  await readBackupCodes(page);
  await expectAccessible(page, "new backup codes shown");
  await page.getByLabel("I have saved these codes").check();

  await signOut(page);
  await signInWithPassword(page, account);
  await expectAccessible(page, "second step: security key");
  for (const method of ["authenticator", "backup-code", "email-code"]) {
    await page.goto(`/auth/two-factor?method=${method}`);
    await expect(page.getByRole("button", { name: "Verify" })).toBeVisible();
    await expectAccessible(page, `second step: ${method}`);
  }
  await page.getByLabel("Code from the email").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#code-error")).toBeVisible();
  await expectAccessible(page, "second step with an error");
});

test("passkeys: listed on the Two-factor page, confirming it's you with one, signing in with one; checking a backup code", async ({
  page,
  context,
}) => {
  await holdAutofill(context);
  const account = createAccount();
  await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await enableTwoFactor(page, account);
  await addPasskey(page, account, "Work laptop");
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("Work laptop");
  await expectAccessible(page, "two-factor with a passkey");
  await page.getByLabel("Backup code to check").fill("abcde");
  await page.getByRole("button", { name: "Check code" }).click();
  await expect(page.locator("#check-code-error")).toContainText("Backup codes have 15 letters and digits");
  await expectAccessible(page, "check a backup code with an error");

  runWithAppDatabase("end-sudo.ts", [account.email]);
  await page.goto("/settings/confirm-password?next=/settings/two-factor");
  await expect(page.getByRole("button", { name: "Confirm with a passkey" })).toBeVisible();
  await expectAccessible(page, "confirm it's you, with a passkey offered");

  await signOut(page);
  await expect(passkeyButton(page)).toBeVisible();
  await passkeyButton(page).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expectAccessible(page, "signed in with a passkey");
});

test("required 2FA past its deadline, then the backup-code check-up notice", async ({ browser }) => {
  // A server of its own: no grace period for staff, and codes due for a check-up about a second after they are confirmed.
  const own = await startOwnServer({ REQUIRE_TWO_FACTOR_GRACE_DAYS: "0", BACKUP_CODES_CHECKUP_DAYS: "0.00001" });
  try {
    const admin = createAccount({ role: "admin" }, own.env);
    const page = await own.newPage(browser);
    await page.goto("/auth/sign-in");
    await page.getByLabel("Email address").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/two-factor$/);
    await expect(deadlineBanner(page).getByRole("heading")).toHaveText("Set up two-factor authentication to continue");
    await expectAccessible(page, "two-factor required, deadline passed");

    await enableTwoFactor(page, admin);
    const checkup = page.getByTestId("backup-codes-checkup");
    await expect
      .poll(async () => {
        await page.goto("/settings/account");
        return checkup.count();
      })
      .toBe(1);
    await expectAccessible(page, "account with the backup-code check-up");
    await page.goto("/settings/two-factor");
    await expect(checkup).toBeVisible();
    await expectAccessible(page, "two-factor with the backup-code check-up");
    await page.context().close();
  } finally {
    await own.stop();
  }
});

test("administration: the accounts, the two-factor requirement, one account, the audit log", async ({ page, browser, context }) => {
  await holdAutofill(context);
  const user = createAccount();
  const admin = createAccount({ role: "admin" });
  await signIn(page, admin);
  await page.goto("/admin");
  await expect(deadlineBanner(page)).toContainText("Two-factor authentication is required for your account");
  await expectAccessible(page, "accounts, admin without 2FA");
  await page.goto("/settings/account");
  await expect(deadlineBanner(page)).toBeVisible();
  await expectAccessible(page, "account page with the 2FA deadline");
  await page.goto("/admin/two-factor");
  await expect(page.getByTestId("accounts-without-two-factor")).toContainText(`@${admin.username}`);
  await expectAccessible(page, "required accounts without 2FA");
  const { secret } = await enableTwoFactor(page, admin);
  await addPasskeyAuthenticator(page);
  await addPasskey(page, admin, "Admin laptop");
  await page.goto("/admin");
  await page.getByLabel("Search by email or username").fill(user.username);
  await page.getByRole("button", { name: "Search" }).click();
  await expectAccessible(page, "accounts, searched");
  await page.getByRole("link", { name: `@${user.username}` }).click();
  await expect(page.getByRole("heading", { name: `@${user.username}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Change email address with a passkey" })).toBeVisible();
  await expectAccessible(page, "one account, the admin with a passkey");
  const requireForm = page.locator("form", { has: page.getByRole("button", { name: "Require 2FA for this account" }) });
  await requireForm.getByLabel("Your authentication code").fill(codeAt(secret, 1));
  await requireForm.getByRole("button", { name: "Require 2FA for this account" }).click();
  await expect(page.getByRole("button", { name: "Stop requiring 2FA for this account" })).toBeVisible();
  await expectAccessible(page, "one account, 2FA required of it");
  await page.goto("/admin/audit");
  await expectAccessible(page, "audit log");

  // A user who is not staff is refused the administration.
  const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const userPage = await other.newPage();
  await signIn(userPage, user);
  await userPage.goto("/admin");
  await expectAccessible(userPage, "administration refused");
  await other.close();
});

test("recovery when every second factor is lost: start, open, finish (waiting, signed out, ready), cancel, cancelled, and the administration's list and panel", async ({
  page,
  browser,
}) => {
  const owner = createAccount();
  enableAuthenticator(owner.email);
  await signInWithPassword(page, owner);
  await expect(page.getByRole("link", { name: "Lost access to all your second factors?" })).toBeVisible();
  await expectAccessible(page, "second step with the recovery link");
  await page.getByRole("link", { name: "Lost access to all your second factors?" }).click();
  await expectAccessible(page, "recovery request start");
  await page.getByRole("button", { name: "Start a recovery request" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery request is open" })).toBeVisible();
  await expectAccessible(page, "recovery request open");
  const email = await waitForEmail(owner.email, /^Recovery request for your Keyring account/);
  await page.goto(linkIn(email, "/auth/recovery/finish"));
  await expect(page.getByText(/The wait is not over yet/)).toBeVisible();
  await expectAccessible(page, "recovery finish, waiting");

  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const adminPage = await adminContext.newPage();
  const admin = createAccount({ role: "admin" });
  const adminSecret = enableAuthenticator(admin.email);
  await signInWithPassword(adminPage, admin);
  await adminPage.getByLabel("Authentication code").fill(codeAt(adminSecret));
  await adminPage.getByRole("button", { name: "Verify" }).click();
  await expect(adminPage).toHaveURL(/\/settings\/account$/);
  await adminPage.goto("/admin/recovery");
  await expect(adminPage.getByTestId("recovery-requests")).toContainText(`@${owner.username}`);
  await expectAccessible(adminPage, "recovery requests");
  await adminPage.getByRole("link", { name: `@${owner.username}` }).click();
  await expect(adminPage.getByTestId("recovery-request")).toBeVisible();
  await expectAccessible(adminPage, "one account with a recovery request");
  await adminContext.close();

  operatorCommand(["recovery", "approve", owner.username]);
  await page.reload();
  await expect(page.getByRole("button", { name: "Turn off two-factor authentication and sign in" })).toBeVisible();
  await expectAccessible(page, "recovery finish, ready");
  const signedOut = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const linkOnly = await signedOut.newPage();
  await linkOnly.goto(linkIn(email, "/auth/recovery/finish"));
  await expectAccessible(linkOnly, "recovery finish, not signed in");
  await linkOnly.goto(linkIn(email, "/auth/recovery/cancel"));
  await expectAccessible(linkOnly, "recovery cancel");
  await linkOnly.getByRole("button", { name: "Cancel the recovery request" }).click();
  await expect(linkOnly.getByRole("heading", { name: "The recovery request is cancelled" })).toBeVisible();
  await expectAccessible(linkOnly, "recovery cancelled");
  await linkOnly.goto(linkIn(email, "/auth/recovery/cancel"));
  await expectAccessible(linkOnly, "recovery cancel, link used");
  await signedOut.close();
});
