import { expect, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { recordSecret } from "./secrets";

/** The code an authenticator app would show `steps` 30-second steps from now. */
export function codeAt(secret: string, steps = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

/**
 * Turns on 2FA from the settings as a user would, reading the key from the page, and saves the backup
 * codes by ticking the box. Returns the secret and the codes.
 */
export async function enableTwoFactor(page: Page, account: { password: string }): Promise<{ secret: string; codes: string[] }> {
  const { secret, codes } = await turnOnAuthenticator(page, account);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is on");
  return { secret, codes };
}

/** Sets up the authenticator app as enableTwoFactor does, and stops where the first backup codes are shown, not yet saved. */
export async function turnOnAuthenticator(page: Page, account: { password: string }): Promise<{ secret: string; codes: string[] }> {
  await page.goto("/settings/two-factor");
  await page.getByRole("link", { name: "Set up authenticator app" }).click();
  await expect(page).toHaveURL(/\/settings\/confirm-password/);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  return { secret, codes: await readBackupCodes(page) };
}

export async function readBackupCodes(page: Page): Promise<string[]> {
  const list = page.getByRole("list", { name: "Backup codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = await list.getByRole("listitem").allInnerTexts();
  for (const code of codes) recordSecret("backup code", code);
  return codes;
}

export async function signInWithPassword(page: Page, account: { email: string; password: string }) {
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/auth\/two-factor/);
}
