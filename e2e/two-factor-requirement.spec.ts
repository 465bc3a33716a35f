import type { Page } from "@playwright/test";
import { createAccount, enableAuthenticator, operatorCommand } from "./support/accounts";
import { pageOn, startOwnServer, type OwnServer } from "./support/own-server";
import { expect, randomAddress, test } from "./support/fixtures";
import { emailsTo, waitForEmail } from "./support/mail";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor } from "./support/two-factor";

/**
 * Two-factor authentication required of staff (the default), with a grace period. Tests that move
 * time run their own server, with a test clock (TEST_CLOCK_FILE: seconds added to the server's time)
 * and the settings they name; the others use the shared server, whose clock is never moved.
 */

// Each test signs in, sets up a factor or starts a server of its own, and walks many pages.
test.slow();

type RequiringServer = OwnServer & { moveClock: (days: number) => void };

async function startRequiringServer(settings: Record<string, string> = {}): Promise<RequiringServer> {
  const running = await startOwnServer(settings);
  return { ...running, moveClock: (days) => running.moveClock(days * 24) };
}

const banner = (page: Page) => page.getByTestId("two-factor-deadline");

test("an admin without 2FA sees the deadline counting down on every Preferences page, in their zone, and is emailed at the start, 3 days and 1 day before", async ({
  browser,
}) => {
  const running = await startRequiringServer();
  try {
    const admin = createAccount({ role: "admin" }, running.env);
    const page = await pageOn(browser, running, { timezoneId: "America/New_York" });
    await signIn(page, admin);
    await expect(banner(page).getByRole("heading")).toHaveText("Two-factor authentication is required for your account");
    await expect(page.getByTestId("two-factor-time-left")).toHaveText(/^(7 days|6 days and 23 hours)$/);
    // The reader's zone: New York is 5 hours behind UTC in December.
    await expect(banner(page)).toContainText("GMT-5");
    const started = await waitForEmail(admin.email, /^Set up two-factor authentication for your Keyring account by .* UTC$/);
    expect(started.text).toContain("After that, signing in leads to setting it up, and nowhere else until it is done.");

    for (const pathname of ["/settings/two-factor", "/settings/sessions", "/settings/security-log", "/admin"]) {
      await page.goto(pathname);
      await expect(banner(page), pathname).toBeVisible();
    }

    running.moveClock(4);
    await page.goto("/settings/account");
    await expect(page.getByTestId("two-factor-time-left")).toHaveText(/^(3 days|2 days and 23 hours)$/);
    await waitForEmail(admin.email, /^3 days left to set up two-factor authentication/);
    await page.reload();

    running.moveClock(6);
    await page.goto("/settings/sessions");
    await expect(page.getByTestId("two-factor-time-left")).toHaveText(/^(1 day|23 hours)$/);
    await waitForEmail(admin.email, /^1 day left to set up two-factor authentication/);
    await page.reload();

    const subjects = (await emailsTo(admin.email)).map((email) => email.subject.replace(/ by .*/, " by …"));
    expect(subjects.filter((subject) => /two-factor authentication/.test(subject))).toEqual([
      "Set up two-factor authentication for your Keyring account by …",
      "3 days left to set up two-factor authentication for your Keyring account",
      "1 day left to set up two-factor authentication for your Keyring account",
    ]);
  } finally {
    await running.stop();
  }
});

test("after the deadline, the session reaches two-factor setup and sign-out only: every other page and form sends it to setup", async ({
  browser,
}) => {
  const running = await startRequiringServer();
  try {
    const admin = createAccount({ role: "admin" }, running.env);
    const user = createAccount({}, running.env);
    const page = await pageOn(browser, running);
    await signIn(page, admin);
    await expect(banner(page)).toBeVisible();
    // Forms opened before the deadline, sent after it.
    const passwordForm = await page.context().newPage();
    await passwordForm.goto("/settings/account");
    await signIn(await pageOn(browser, running), admin);
    const sessionsForm = await page.context().newPage();
    await sessionsForm.goto("/settings/sessions");

    running.moveClock(8);
    await page.goto("/settings/two-factor");
    await expect(banner(page).getByRole("heading")).toHaveText("Set up two-factor authentication to continue");
    const pages = [
      "/",
      "/settings/account",
      "/settings/account/email",
      "/settings/sessions",
      "/settings/security-log",
      "/settings/two-factor/backup-codes",
      "/admin",
      "/admin/audit",
      "/admin/two-factor",
      "/auth/sign-in",
      "/auth/sign-up",
      "/auth/backup-codes?token=abc",
      "/auth/email-change?token=abc",
    ];
    for (const pathname of pages) {
      await page.goto(pathname);
      await expect(page, pathname).toHaveURL(/\/settings\/two-factor$/);
    }

    await passwordForm.getByLabel("Current password").fill(admin.password);
    await passwordForm.getByLabel("New password", { exact: true }).fill("a brand new passphrase 42");
    await passwordForm.getByLabel("Confirm new password").fill("a brand new passphrase 42");
    await passwordForm.getByRole("button", { name: "Change password" }).click();
    await expect(passwordForm).toHaveURL(/\/settings\/two-factor$/);
    await sessionsForm.getByRole("button", { name: "Sign out of all other sessions" }).click();
    await expect(sessionsForm).toHaveURL(/\/settings\/two-factor$/);
    await passwordForm.close();
    await sessionsForm.close();

    // Signing out works; signing in again (with the unchanged password) leads to setup.
    await signOut(page);
    await page.getByLabel("Email address").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/two-factor$/);

    // The setup itself, with its password prompt, is open; once done, the account is whole again.
    await enableTwoFactor(page, admin);
    await page.goto("/settings/account");
    await expect(page).toHaveURL(/\/settings\/account$/);
    await expect(banner(page)).toHaveCount(0);
    await page.goto("/admin");
    await expect(page.getByRole("link", { name: `@${user.username}` })).toBeVisible();
  } finally {
    await running.stop();
  }
});

test("with REQUIRE_TWO_FACTOR_GRACE_DAYS=0, an admin's first sign-in leads straight to setup", async ({ browser }) => {
  const running = await startRequiringServer({ REQUIRE_TWO_FACTOR_GRACE_DAYS: "0" });
  try {
    const admin = createAccount({ role: "admin" }, running.env);
    const page = await pageOn(browser, running);
    await page.goto("/auth/sign-in");
    await page.getByLabel("Email address").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/two-factor$/);
    await expect(banner(page).getByRole("heading")).toHaveText("Set up two-factor authentication to continue");
    const email = await waitForEmail(admin.email, /^Set up two-factor authentication for your Keyring account$/);
    expect(email.text).toContain("before you can use your account again");
  } finally {
    await running.stop();
  }
});

test("while 2FA is required, turning it off is refused, even from a form opened before", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  await expect(page.getByRole("button", { name: "Disable two-factor authentication" })).toBeVisible();

  operatorCommand(["modify", account.username, "--require-2fa", "on"]);
  await page.getByLabel("Authentication code or backup code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, turn it off" }).click();
  const disableForm = page.locator("form", { has: page.getByRole("button", { name: "Disable two-factor authentication" }) });
  await expect(disableForm.getByRole("alert").first()).toContainText("required for your account, so it cannot be turned off");

  await page.reload();
  await expect(page.getByTestId("two-factor-required")).toContainText("cannot be turned off");
  await expect(page.getByRole("button", { name: "Disable two-factor authentication" })).toHaveCount(0);
});

test("an admin requires 2FA for one account: confirmed with their code, audited, listed with its deadline, and the user is emailed", async ({
  page,
  browser,
}) => {
  const user = createAccount();
  const admin = createAccount({ role: "admin" });
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  const { secret } = await enableTwoFactor(adminPage, admin);

  await adminPage.goto("/admin");
  await expect(adminPage.getByTestId("two-factor-policy")).toContainText(
    "required of staff (admins and the owner), and of accounts an administrator chose, with a grace period of 7 days",
  );
  await adminPage.getByLabel("Search by email or username").fill(user.username);
  await adminPage.getByRole("button", { name: "Search" }).click();
  await adminPage
    .getByRole("link", { name: `@${user.username}` })
    .first()
    .click();
  const requireForm = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Require 2FA for this account" }) });
  await requireForm.getByLabel("Your authentication code").fill(codeAt(secret, 1));
  await requireForm.getByRole("button", { name: "Require 2FA for this account" }).click();
  await expect(adminPage.getByRole("button", { name: "Stop requiring 2FA for this account" })).toBeVisible();

  const email = await waitForEmail(user.email, /^Set up two-factor authentication for your Keyring account by/);
  expect(email.text).toContain("now requires two-factor authentication");
  await adminPage.goto("/admin");
  await adminPage.getByRole("link", { name: /required accounts? ha(s|ve) not set it up yet/ }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Two-factor requirement" })).toBeVisible();
  await expect(
    adminPage.getByTestId("accounts-without-two-factor").getByRole("row", { name: new RegExp(`@${user.username}`) }),
  ).toContainText("required by an administrator");
  await adminPage.goto("/admin/audit");
  await expect(adminPage.getByRole("main")).toContainText("Two-factor authentication required for this account");

  await signIn(page, user);
  await expect(page.getByTestId("two-factor-time-left")).toHaveText(/^(7 days|6 days and 23 hours)$/);
});

test("an admin turning off a required user's 2FA gives them a fresh grace period, and they are told", async ({ browser }) => {
  const user = createAccount();
  enableAuthenticator(user.email);
  operatorCommand(["modify", user.username, "--require-2fa", "on"]);
  const admin = createAccount({ role: "admin" });
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  const { secret } = await enableTwoFactor(adminPage, admin);
  await adminPage.goto("/admin");
  await adminPage.getByLabel("Search by email or username").fill(user.username);
  await adminPage.getByRole("button", { name: "Search" }).click();
  await adminPage
    .getByRole("link", { name: `@${user.username}` })
    .first()
    .click();
  await expect(adminPage.getByRole("main")).toContainText("Required, met");

  const disable = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Disable two-factor authentication" }) });
  await disable.getByLabel("Your authentication code").fill(codeAt(secret, 1));
  await disable.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await expect(disable.getByRole("status")).toContainText("Two-factor authentication is off for this account");

  await waitForEmail(user.email, /^Two-factor authentication is off/);
  const restarted = await waitForEmail(user.email, /^Set up two-factor authentication for your Keyring account by/);
  expect(restarted.text).toContain(
    "An administrator turned off two-factor authentication for your Keyring account. Your account still requires it",
  );
  await adminPage.reload();
  await expect(adminPage.getByRole("main")).toContainText("Required by");
});
