import type { Page } from "@playwright/test";
import { createAccount, uniqueName } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/sign-in";

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

test("sign-up from the keyboard: every broken rule shown, the mismatch at the confirmation, focus on the first field in error", async ({
  page,
}) => {
  await page.goto("/auth/sign-up");
  await page.getByLabel("Email address").focus();
  await page.keyboard.type("not-an-address");
  await page.keyboard.press("Tab");
  await page.keyboard.type(uniqueName());
  await page.keyboard.press("Tab");
  await page.keyboard.type("abcd");
  await page.keyboard.press("Tab");
  await page.keyboard.type("abce");
  await page.keyboard.press("Enter");

  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com.");
  expect(await focusedId(page)).toBe("email");
  const passwordError = page.locator("#password-error");
  await expect(passwordError).toContainText("This password is too short (4 characters). Use at least 8.");
  await expect(passwordError).toContainText("a run of letters, digits or keys");
  await expect(page.locator("#passwordConfirmation-error")).toHaveText("The two passwords do not match.");
  // The hint says the limits in words; no message says again what the hint already says.
  const hint = page.locator("#password-hint");
  await expect(hint).toContainText("At least 8 characters and at most 72 bytes");
  const hintText = await hint.innerText();
  for (const error of await page.locator("[id$=-error]").allInnerTexts()) {
    expect(error).not.toContain(hintText.split(":")[0] as string);
  }

  await page.getByLabel("Email address").fill(`${uniqueName()}@example.test`);
  await page.getByLabel("Email address").press("Enter");
  await expect(page.locator("#email-error")).toHaveCount(0);
  await expect(passwordError).toBeVisible();
  expect(await focusedId(page), "the first field still in error").toBe("password");
});

test("change password and change email: focus goes to the first field in error after a refused submit", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await page.getByLabel("Current password").focus();
  await page.keyboard.type("not my password");
  await page.keyboard.press("Tab");
  await page.keyboard.type("kq7");
  await page.keyboard.press("Enter");
  await expect(page.locator("#newPassword-error")).toContainText("This password is too short (3 characters). Use at least 8.");
  await expect(page.locator("#newPasswordConfirmation-error")).toHaveText("The two passwords do not match.");
  expect(await focusedId(page)).toBe("newPassword");

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a fresh and private passphrase");
  await page.getByLabel("Confirm new password").fill("a fresh and private passphrase");
  await page.getByLabel("Confirm new password").press("Enter");
  await expect(page.locator("#currentPassword-error")).toHaveText("That is not your current password.");
  expect(await focusedId(page)).toBe("currentPassword");

  await page.goto("/settings/account/email");
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change email address" })).toBeVisible();
  await page.getByLabel("New email address").focus();
  await page.keyboard.type("nowhere");
  await page.keyboard.press("Enter");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com.");
  expect(await focusedId(page)).toBe("email");
});
