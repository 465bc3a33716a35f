import type { Browser, Page } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { linkIn, waitForEmail } from "./support/mail";
import { chooseNewPassword, requestResetLink } from "./support/password-reset";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, signInWithPassword } from "./support/two-factor";

async function anotherBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  return context.newPage();
}

const LOCK = "Sign out everywhere and lock my account";

test("'This wasn't me' in a failed-second-step email: one click signs everyone out, voids the attacker's sign-in and needs a reset; a second use does nothing @phone", async ({
  page,
  browser,
}) => {
  test.slow();
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);

  // The attacker has the password and fails the second step; the owner is emailed.
  const attacker = await anotherBrowser(browser);
  await signInWithPassword(attacker, account);
  await attacker.getByLabel("Authentication code").fill("000000" === codeAt(secret) ? "111111" : "000000");
  await attacker.getByRole("button", { name: "Verify" }).click();
  await expect(attacker.locator("#code-error")).toContainText("tries left");
  const alert = await waitForEmail(account.email, /Failed sign-in attempt/);
  const notMe = linkIn(alert, "/auth/not-me");

  // Opened twice (a second tab, say): the link itself does nothing until the button is pressed.
  const owner = await anotherBrowser(browser);
  const secondTab = await owner.context().newPage();
  for (const tab of [owner, secondTab]) {
    await tab.goto(notMe);
    await expect(tab.getByRole("heading", { name: "This wasn't me" })).toBeVisible();
    await expect(tab.getByText(`Lock down @${account.username}?`)).toBeVisible();
  }
  await page.reload();
  await expect(page).toHaveURL(/\/settings\/two-factor/, { timeout: 10_000 });
  await owner.getByRole("button", { name: LOCK }).click();
  await expect(owner.getByRole("heading", { name: "Your account is locked down" })).toBeVisible();
  await owner.screenshot({ path: `screenshots/${test.info().project.name}-not-me.png`, fullPage: true });

  // Every session is over; the attacker's sign-in in progress cannot finish, even with the right code.
  await page.reload();
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  await attacker.getByLabel("Authentication code").fill(codeAt(secret));
  await attacker.getByRole("button", { name: "Verify" }).click();
  await expect(attacker.getByRole("link", { name: "Sign in again" })).toBeVisible();
  // The password alone no longer signs in.
  await attacker.goto("/auth/sign-in");
  await attacker.getByLabel("Email address").fill(account.email);
  await attacker.getByLabel("Password").fill(account.password);
  await attacker.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(attacker.getByRole("alert").filter({ hasText: "locked down" })).toContainText(
    "Choose a new password with the link we emailed",
  );
  await expect(attacker).toHaveURL(/\/auth\/sign-in/);

  // The second use: nothing happens, and no second email.
  await secondTab.getByRole("button", { name: LOCK }).click();
  await expect(secondTab.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("already been used");
  await owner.goto(notMe);
  await expect(owner.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("already been used");
  await expect(owner.getByRole("button", { name: LOCK })).toHaveCount(0);

  // The administration shows it.
  const admin = createAccount({ role: "admin" });
  const adminPage = await anotherBrowser(browser);
  await signIn(adminPage, admin);
  await adminPage.goto(`/admin?q=${encodeURIComponent(account.username)}`);
  await adminPage.getByRole("link", { name: `@${account.username}` }).click();
  const lockedRow = adminPage.locator("dl > div", { has: adminPage.getByText("Locked down", { exact: true }) });
  await expect(lockedRow.locator("dd")).toContainText("no sign-in until a new password is chosen with the emailed link");

  // The owner's way back: the emailed reset link, then the second factor as before.
  const locked = await waitForEmail(account.email, /locked down/);
  expect(locked.text).toContain("Your two-factor authentication settings are unchanged");
  await page.goto(linkIn(locked, "/auth/password/reset"));
  const newPassword = `${account.password} renewed`;
  await chooseNewPassword(page, newPassword);
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=password-reset/);
  await signInWithPassword(page, { email: account.email, password: newPassword });
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account/);
  await page.goto("/settings/security-log");
  await expect(page.getByText("Account locked down")).toBeVisible();
  await adminPage.reload();
  await expect(lockedRow.locator("dd")).toHaveText("No");
});

test("a forged link, a link of another kind, and another account's link cannot lock you down", async ({ page, browser }) => {
  test.slow(); // two reset emails and a lockdown email
  const account = createAccount();
  await signIn(page, account);

  const stranger = await anotherBrowser(browser);
  for (const token of ["forged", "A".repeat(43)]) {
    await stranger.goto(`/auth/not-me?token=${token}`);
    await expect(stranger.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("This link is not valid");
    await expect(stranger.getByRole("button", { name: LOCK })).toHaveCount(0);
  }
  const reset = await requestResetLink(stranger, account.email);
  await stranger.goto(`/auth/not-me?token=${new URL(reset).searchParams.get("token")}`);
  await expect(stranger.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("This link is not valid");

  // An attacker's own account's link locks down that account only.
  const own = createAccount();
  await stranger.goto(await requestResetLink(stranger, own.email));
  await chooseNewPassword(stranger, `${own.password} again`);
  const changed = await waitForEmail(own.email, /password was changed/);
  await stranger.goto(linkIn(changed, "/auth/not-me"));
  await expect(stranger.getByText(`Lock down @${own.username}?`)).toBeVisible();
  await stranger.getByRole("button", { name: LOCK }).click();
  await expect(stranger.getByRole("heading", { name: "Your account is locked down" })).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/\/settings\/account$/);
});

test("each security email about a sign-in or a second factor carries its own 'This wasn't me' link", async ({ page, browser }) => {
  const account = createAccount();
  await signIn(page, account);
  const other = await anotherBrowser(browser);
  await signIn(other, account);
  const newBrowser = await waitForEmail(account.email, /New sign-in/);
  const { codes } = await enableTwoFactor(page, account);
  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(codes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  const used = await waitForEmail(account.email, /backup code was used/);
  const links = [newBrowser, used].map((email) => linkIn(email, "/auth/not-me"));
  expect(new Set(links).size).toBe(2);
  // The older link still works after the newer was sent.
  await other.goto(links[0] as string);
  await expect(other.getByRole("button", { name: LOCK })).toBeVisible();
});
