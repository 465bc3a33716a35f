import { expect, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
import { signIn } from "./support/sign-in";
import { enableTwoFactor } from "./support/two-factor";

test("the help articles' path: Preferences > Account > heading Two-factor Authentication > Regenerate codes", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const preferences = page.getByRole("navigation", { name: "Preferences" });
  const accountGroup = preferences.getByRole("list", { name: "Account group" });
  await expect(accountGroup.getByRole("link", { name: "Two-factor Authentication" })).toBeVisible();

  const heading = page.getByRole("heading", { level: 2, name: "Two-factor Authentication", exact: true });
  const section = page.locator("section", { has: heading });
  await expect(section).toContainText("StatusOff");
  await expect(section.getByRole("link", { name: "Regenerate codes" })).toHaveCount(0);

  await enableTwoFactor(page, account);
  await preferences.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await heading.scrollIntoViewIfNeeded();
  await expect(section).toContainText("StatusOn");
  await expect(section).toContainText("MethodsAuthenticator app");
  await expect(section).toContainText("Backup codes remaining10");
  await section.getByRole("link", { name: "Regenerate codes" }).click();
  // Setting up 2FA just now confirmed the password, so the page opens without asking again.
  await expect(page).toHaveURL(/\/settings\/two-factor\/backup-codes$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regenerate backup codes");
});

test("a time ends its sentence without a space before the full stop", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);
  await page.goto("/settings/two-factor");
  const status = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Status" }) });
  await expect(status.getByText(/^Since .+\.$/)).toBeVisible();
  // Measured where it is drawn: a flex row's gap would put space between the time and the "." after it.
  const gap = await status.locator("time").evaluate((time) => {
    const range = document.createRange();
    range.setStart(time.nextSibling as Node, 0);
    range.setEnd(time.nextSibling as Node, 1);
    return range.getBoundingClientRect().left - time.getBoundingClientRect().right;
  });
  expect(gap).toBeLessThan(1);
});
