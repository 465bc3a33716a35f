import type { Page } from "@playwright/test";
import { createAccount, runWithAppDatabase } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { printedText } from "./support/pdf";
import { signIn } from "./support/sign-in";
import { enableTwoFactor, readBackupCodes, turnOnAuthenticator } from "./support/two-factor";

// The browser runs in this machine's zone, as Node does.
const today = () => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date());

test("printing the backup codes prints the codes with the site, the account and the date, and nothing else @phone", async ({
  page,
  baseURL,
}) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await turnOnAuthenticator(page, account);

  await page.emulateMedia({ media: "print" });
  const list = page.getByRole("list", { name: "Backup codes" });
  await expect(list).toBeVisible();
  expect(await list.evaluate((element) => getComputedStyle(element).visibility)).toBe("visible");
  for (const control of ["Continue", "Download", "Print"]) await expect(page.getByRole("button", { name: control })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Preferences" })).toBeHidden();

  const { text, pages } = await printedText(page);
  expect(pages, "the codes fit on one sheet").toBe(1);
  for (const code of codes) expect(text).toContain(code);
  expect(text).toContain("Keyring backup codes");
  expect(text).toContain(new URL(baseURL as string).host);
  expect(text).toContain(account.username);
  expect(text).toContain(account.email);
  expect(text).toContain(today());
  for (const other of [
    "Continue",
    "I have saved",
    "Download",
    "Sign out",
    "Preferences",
    "Two-factor authentication is on",
    "Authenticator app",
  ]) {
    expect(text, `the printout shows "${other}"`).not.toContain(other);
  }
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-codes-print.png`, fullPage: true });

  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
});

/** Whether the database holds the account's newest codes as never confirmed saved. */
const unsaved = (email: string) => JSON.parse(runWithAppDatabase("backup-codes-saved.ts", [email])).unsavedSince !== null;

test("fresh codes are not lost silently: leaving warns until they are saved, and the Two-factor page says so afterwards", async ({
  page,
}) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);
  expect(unsaved(account.email)).toBe(false);

  await page.getByRole("link", { name: "Regenerate codes" }).click();
  await page.getByRole("button", { name: "Generate new codes" }).click();
  await readBackupCodes(page);
  expect(unsaved(account.email), "the new set is recorded as not yet saved").toBe(true);

  // A link inside the app asks first; staying keeps the codes on the screen.
  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Sessions" }).click();
  const leave = page.getByRole("dialog", { name: "Leave without saving your backup codes?" });
  await expect(leave).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-codes-leave.png`, fullPage: true });
  await leave.getByRole("button", { name: "Stay and save them" }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(/\/settings\/two-factor\/backup-codes$/);
  await expect(page.getByRole("list", { name: "Backup codes" }).getByRole("listitem")).toHaveCount(10);

  // Closing the tab or typing another address: the browser's own "Leave site?" prompt.
  const prompt = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const dialog = await prompt;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Sessions" }).click();
  await leave.getByRole("button", { name: "Leave anyway" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();

  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Two-factor Authentication" }).click();
  const warning = page.getByRole("alert").filter({ hasText: "Your newest backup codes were never confirmed saved" });
  await expect(warning).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-codes-unsaved.png`, fullPage: true });
  await page.getByRole("link", { name: "Regenerate codes" }).click();
  await page.getByRole("button", { name: "Generate new codes" }).click();
  await readBackupCodes(page);
  await page.getByLabel("I have saved these codes").check();
  await expect.poll(() => unsaved(account.email), { message: "ticking the box records the codes as saved" }).toBe(false);
  // Once saved, links leave without asking.
  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Two-factor Authentication" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor Authentication" })).toBeVisible();
  await expect(page.getByText("never confirmed saved")).toHaveCount(0);
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
});

for (const [way, save] of [
  ["copying", async (page: Page) => page.getByRole("button", { name: "Copy" }).click()],
  [
    "downloading",
    async (page: Page) => Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]),
  ],
] as const) {
  test(`${way} the codes records them as saved`, async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const account = createAccount();
    await signIn(page, account);
    await turnOnAuthenticator(page, account);
    expect(unsaved(account.email)).toBe(true);
    await save(page);
    await expect.poll(() => unsaved(account.email)).toBe(false);
    await expect(page.getByRole("button", { name: "Continue" })).toBeEnabled();
    await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Sessions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  });
}
