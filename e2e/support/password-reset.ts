import { expect, type Page } from "@playwright/test";
import { runWithAppDatabase } from "./accounts";
import { linkIn, waitForEmail } from "./mail";

/** Asks for a reset link from the sign-in page, as a user would, and returns the link from the email. */
export async function requestResetLink(page: Page, email: string): Promise<string> {
  await page.goto("/auth/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/auth\/password\/new$/);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me reset instructions" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("If an account uses this address");
  return linkIn(await waitForEmail(email, /Reset your/), "/auth/password/reset");
}

/** Fills in and submits the form behind a reset link (the page must show it). */
export async function chooseNewPassword(page: Page, password: string, confirmation = password) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(confirmation);
  await page.getByRole("button", { name: "Change my password" }).click();
}

/** Moves the link's expiry into the past in the app's database. */
export function expireResetLink(link: string) {
  runWithAppDatabase("expire-reset-link.ts", [link]);
}
