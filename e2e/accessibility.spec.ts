import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility";
import { createAccount } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { linkIn, waitForEmail } from "./support/mail";
import { requestResetLink } from "./support/password-reset";
import { addSecurityKey, confirmPasswordIfAsked, plugInSecurityKey } from "./support/security-keys";
import { signIn, signOut } from "./support/sign-in";
import { recordSecret } from "./support/secrets";
import { codeAt, enableTwoFactor, readBackupCodes, signInWithPassword } from "./support/two-factor";

// Every page and state the flows reach, checked by axe in light and in dark (e2e/support/accessibility.ts).
// Each check takes a few seconds, and a test makes up to fifty of them.
test.describe.configure({ timeout: 480_000 });

test("signed out: sign-in, sign-up, password reset, confirmation, not found", async ({ page }) => {
  await page.goto("/auth/sign-in");
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

test("administration: the accounts, one account, the audit log", async ({ page, browser }) => {
  const user = createAccount();
  const admin = createAccount({ role: "admin" });
  await signIn(page, admin);
  await page.goto("/admin");
  await expectAccessible(page, "accounts, admin without 2FA");
  await enableTwoFactor(page, admin);
  await page.goto("/admin");
  await page.getByLabel("Search by email or username").fill(user.username);
  await page.getByRole("button", { name: "Search" }).click();
  await expectAccessible(page, "accounts, searched");
  await page.getByRole("link", { name: `@${user.username}` }).click();
  await expect(page.getByRole("heading", { name: `@${user.username}` })).toBeVisible();
  await expectAccessible(page, "one account");
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
