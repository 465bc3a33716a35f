import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";

// Saves screenshots of the main pages (screenshots/, for people to look at) and checks what a
// screenshot would show at a glance: nothing wider than the screen, every input labelled.
async function capture(page: Page, name: string) {
  const project = test.info().project.name;
  await page.screenshot({ path: `screenshots/${project}-${name}.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  const unlabelled = await page
    .locator("input:not([type=hidden])")
    .evaluateAll((inputs) =>
      inputs.filter((input) => !(input as HTMLInputElement).labels?.length).map((input) => (input as HTMLInputElement).name),
    );
  expect(unlabelled, `${name} has inputs without a label`).toEqual([]);
}

test("pages fit the screen and label their fields @phone", async ({ page }) => {
  const admin = createAccount({ role: "admin" });
  await page.goto("/auth/sign-in");
  await capture(page, "sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await capture(page, "sign-in-errors");
  await page.goto("/auth/sign-up");
  await capture(page, "sign-up");

  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await capture(page, "settings-account");
  for (const [link, path] of [
    ["Two-factor Authentication", "two-factor"],
    ["Sessions", "sessions"],
    ["Security log", "security-log"],
    ["Administration", "admin"],
  ] as const) {
    await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: link })).toBeVisible();
    await capture(page, `settings-${path}`);
  }

  await page.goto("/settings/account");
  await page.getByRole("link", { name: "Change email address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change email address" })).toBeVisible();
  await capture(page, "settings-change-email");
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await capture(page, "settings-change-email-errors");
  await page.goto("/settings/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await capture(page, "not-found");
  await page.goto("/auth/email-change?token=not-a-real-link");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This link is not valid.");
  await capture(page, "email-change-link");
});

test("the whole sign-in works from the keyboard", async ({ page }) => {
  const account = createAccount();
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").focus();
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole("main").getByText(account.email)).toBeVisible();
});
