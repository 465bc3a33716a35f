import type { Page } from "@playwright/test";
import { settleTransitions } from "./support/accessibility";
import { expect, test } from "./support/fixtures";
import { createAccount, runWithAppDatabase } from "./support/accounts";
import { addPasskey, addPasskeyAuthenticator, holdAutofill } from "./support/passkeys";
import { recordSecret } from "./support/secrets";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, readBackupCodes, signInWithPassword } from "./support/two-factor";

// Two themes, each page twice: more than the usual minute on a busy machine.
test.describe.configure({ timeout: 240_000 });

// Saves screenshots of the main pages, light and dark (screenshots/, for people to look at), and checks
// what a screenshot would show at a glance: nothing wider than the screen, every input labelled.
async function capture(page: Page, name: string) {
  const project = test.info().project.name;
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await settleTransitions(page);
    await page.screenshot({ path: `screenshots/${project}-${name}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  const unlabelled = await page
    .locator("input:not([type=hidden])")
    .evaluateAll((inputs) =>
      inputs.filter((input) => !(input as HTMLInputElement).labels?.length).map((input) => (input as HTMLInputElement).name),
    );
  expect(unlabelled, `${name} has inputs without a label`).toEqual([]);
  // A time in a flex row beside loose text is an item of its own: the row's gap then shows as a space ("UTC .").
  const spacedTimes = await page.locator("time").evaluateAll((times) =>
    times
      .filter((time) => /flex|grid/.test(getComputedStyle(time.parentElement as Element).display))
      .filter((time) =>
        [...(time.parentElement as Element).childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
      )
      .map((time) => time.parentElement?.textContent ?? ""),
  );
  expect(spacedTimes, `${name} has times set apart from their sentence`).toEqual([]);
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
  await page.goto("/auth/not-me?token=not-a-real-link");
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await capture(page, "not-me-link");

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
  await page.goto("/admin/two-factor");
  await expect(page.getByTestId("accounts-without-two-factor")).toContainText(`@${admin.username}`);
  await capture(page, "admin-two-factor");

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
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("This link is not valid.");
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

test("pages of two-factor authentication fit the screen too @phone", async ({ page, context }) => {
  await holdAutofill(context);
  const account = createAccount();
  await signIn(page, account);
  await page.goto("/settings/two-factor");
  await page.getByRole("link", { name: "Set up authenticator app" }).click();
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  await capture(page, "two-factor-setup");
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await readBackupCodes(page);
  await capture(page, "backup-codes-new");
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is on");
  await capture(page, "settings-two-factor-on");
  await page.goto("/settings/account");
  await capture(page, "settings-account-two-factor-on");
  await page.goto("/settings/two-factor");
  await page.getByLabel("Backup code to check").fill("abcde");
  await page.getByRole("button", { name: "Check code" }).click();
  await expect(page.locator("#check-code-error")).toBeVisible();
  await capture(page, "check-backup-code-errors");
  await addPasskeyAuthenticator(page);
  await addPasskey(page, account, "Work laptop");
  await capture(page, "settings-two-factor-passkey");
  await page.goto("/settings/two-factor/backup-codes");
  await expect(page.getByRole("heading", { level: 1, name: "Regenerate backup codes" })).toBeVisible();
  await capture(page, "regenerate-backup-codes");
  runWithAppDatabase("end-sudo.ts", [account.email]);
  await page.goto("/settings/confirm-password?next=/settings/two-factor");
  await expect(page.getByRole("button", { name: "Confirm with a passkey" })).toBeVisible();
  await capture(page, "confirm-with-passkey");

  await signOut(page);
  await signInWithPassword(page, account);
  await capture(page, "second-step");
  await page.goto("/auth/two-factor?method=backup-code");
  await page.getByLabel("Backup code").fill("not-a-code");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#code-error")).toBeVisible();
  await capture(page, "second-step-errors");
});
