import { expect, type Page } from "@playwright/test";
import { linkIn, waitForEmail } from "./mail";

/**
 * From Preferences > Account, as a user would: the password when sudo mode asks for it, then the new
 * address. Returns the link mailed to the new address.
 */
export async function requestEmailChange(page: Page, account: { password: string }, newEmail: string): Promise<string> {
  await page.goto("/settings/account");
  await page.getByRole("link", { name: "Change email address" }).click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/Change email address|Confirm it's you/);
  if ((await heading.innerText()) === "Confirm it's you") {
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Confirm password" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Change email address" })).toBeVisible();
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`We sent a link to ${newEmail}`);
  return linkIn(await waitForEmail(newEmail, /Confirm your new email address/), "/auth/email-change");
}

/** Opens the link in a signed-in browser and confirms. */
export async function confirmEmailChange(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Use this email address" }).click();
}
