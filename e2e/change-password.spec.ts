import { expect, randomAddress, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
import { waitForEmail } from "./support/mail";
import { recordSecret } from "./support/secrets";
import { signIn, signOut } from "./support/sign-in";

test.beforeEach(() => recordSecret("password", "a fresh and private passphrase"));

test("changing the password in Preferences keeps this browser signed in and signs out the others @phone", async ({ page, browser }) => {
  const account = createAccount();
  const elsewhere = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const elsewherePage = await elsewhere.newPage();
  await signIn(elsewherePage, account);
  await signIn(page, account);

  const change = page.getByRole("button", { name: "Change password" });
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill("a fresh and private passphrase");
  await page.getByLabel("Confirm new password").fill("a fresh and private passphrase");
  await change.click();
  await expect(page.locator("#currentPassword-error")).toHaveText("That is not your current password.");

  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await change.click();
  await expect(page.locator("#newPassword-error")).toContainText("This password is too short (5 characters). Use at least 8.");

  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("a fresh and private passphrase");
  await page.getByLabel("Confirm new password").fill("a fresh and private passphrase");
  await change.click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your password was changed. Other sessions were signed out.");
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-change-password.png`, fullPage: true });

  await page.reload();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await elsewherePage.goto("/settings/account");
  await expect(elsewherePage).toHaveURL(/\/auth\/sign-in/);
  await elsewhere.close();
  expect((await waitForEmail(account.email, /password was changed/)).text).toContain("Every other session was signed out");

  await signOut(page);
  await signIn(page, { email: account.email, password: "a fresh and private passphrase" });
});
