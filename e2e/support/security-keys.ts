import { expect, type CDPSession, type Page } from "@playwright/test";
import { readBackupCodes } from "./two-factor";

export type VirtualKey = { cdp: CDPSession; authenticatorId: string };

/**
 * A USB security key plugged into this page's browser: Chromium's virtual authenticator, driven
 * through the DevTools protocol. It answers at once, as if touched.
 */
export async function plugInSecurityKey(page: Page): Promise<VirtualKey> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: false,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

export async function unplugSecurityKey(key: VirtualKey): Promise<void> {
  await key.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: key.authenticatorId });
}

export async function credentialsOn(key: VirtualKey) {
  const { credentials } = await key.cdp.send("WebAuthn.getCredentials", { authenticatorId: key.authenticatorId });
  return credentials;
}

/** Confirms the password when the settings ask for it (sudo mode), and comes back. */
export async function confirmPasswordIfAsked(page: Page, password: string) {
  const confirm = page.getByRole("link", { name: /^Confirm your password/ }).first();
  if (await confirm.isVisible()) {
    await confirm.click();
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Confirm password" }).click();
    await expect(page).toHaveURL(/\/settings\/two-factor/);
  }
}

/** Adds the plugged-in key from the settings; returns the backup codes when it was the first second factor. */
export async function addSecurityKey(page: Page, account: { password: string }, name: string): Promise<string[] | null> {
  await page.goto("/settings/two-factor");
  await confirmPasswordIfAsked(page, account.password);
  await page.getByLabel("Name of the key").fill(name);
  await page.getByRole("button", { name: "Add security key" }).click();
  const codes = page.getByRole("list", { name: "Backup codes" });
  const added = page.getByText(`“${name}” was added.`);
  await expect(codes.or(added)).toBeVisible();
  if (!(await codes.isVisible())) return null;
  const list = await readBackupCodes(page);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Two-factor authentication is on");
  await expect(codes).toHaveCount(0);
  return list;
}
