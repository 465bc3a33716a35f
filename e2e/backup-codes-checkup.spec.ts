import type { Page } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { emailsTo, linkIn, waitForEmail } from "./support/mail";
import { startOwnServer } from "./support/own-server";
import { signIn, signOut } from "./support/sign-in";
import { enableTwoFactor, signInWithPassword } from "./support/two-factor";

async function signInWithBackupCode(page: Page, account: { email: string; password: string }, code: string) {
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor\?notice=backup-code-used/);
}

test("three codes left: a check-up on the Two-factor and Account pages, one email, and the way to a new set @phone", async ({ page }) => {
  test.slow();
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  const checkup = page.getByTestId("backup-codes-checkup");
  await expect(checkup).toHaveCount(0);
  for (const code of codes.slice(0, 7)) {
    await signOut(page);
    await signInWithBackupCode(page, account, code);
  }
  await expect(checkup).toContainText("Only 3 unused codes are left");
  const low = await waitForEmail(account.email, /Only 3 unused backup codes left/);
  expect(linkIn(low, "/settings/two-factor/backup-codes")).toBeTruthy();
  const used = await waitForEmail(account.email, /backup code was used/);
  expect(used.text).toContain("You have 3 unused backup codes left");
  expect(linkIn(used, "/settings/two-factor")).toContain("#check-backup-code");

  await page.goto("/settings/account");
  await expect(checkup).toContainText("Your backup codes need a check-up");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-codes-checkup.png`, fullPage: true });
  await checkup.getByRole("link", { name: "Check a code" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor#check-backup-code$/);

  // One more used: the same condition, no second check-up email.
  await signOut(page);
  await signInWithBackupCode(page, account, codes[7] as string);
  await waitForEmail(account.email, /backup code was used/);
  await expect.poll(async () => (await emailsTo(account.email)).filter((mail) => /You have 2 unused/.test(mail.text)).length).toBe(1);
  expect((await emailsTo(account.email)).filter((mail) => /unused backup codes? left for/.test(mail.subject))).toHaveLength(1);

  await page.getByTestId("backup-codes-checkup").getByRole("link", { name: "Regenerate codes" }).click();
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await page.getByRole("button", { name: "Generate new codes" }).click();
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
  await expect(checkup).toHaveCount(0);
});

test("the check-up emails can be turned off, in sudo mode", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);
  await expect(page.getByText("On: you are emailed once when your codes were last confirmed over 180 days ago")).toBeVisible();
  await page.getByRole("button", { name: "Turn off check-up emails" }).click();
  await expect(page.getByText("Off: the check-up shows on this page and on your Account page only.")).toBeVisible();
  await page.getByRole("button", { name: "Turn on check-up emails" }).click();
  await expect(page.getByText("On: you are emailed once")).toBeVisible();
});

test("codes last confirmed longer ago than BACKUP_CODES_CHECKUP_DAYS: a notice, and one email from the next round", async ({ browser }) => {
  // An operator's setting of about a second, so that codes confirmed now are due while the test runs.
  test.slow();
  const own = await startOwnServer({ BACKUP_CODES_CHECKUP_DAYS: "0.00001" });
  try {
    const account = createAccount({}, own.env);
    const page = await own.newPage(browser);
    // A fresh process answers its first pages slowly on a busy machine: warm them before the timed steps.
    for (const pathname of ["/auth/sign-in", "/settings/account", "/settings/two-factor"]) await page.request.get(pathname);
    await signIn(page, account);
    const { codes } = await enableTwoFactor(page, account);
    await expect
      .poll(async () => {
        await page.goto("/settings/account");
        return page.getByTestId("backup-codes-checkup").count();
      })
      .toBe(1);
    await expect(page.getByTestId("backup-codes-checkup")).toContainText("They were last confirmed on");

    // Every process sends due check-ups when it starts (and every ten minutes after).
    await own.restart();
    const email = await waitForEmail(account.email, /Time to check your Keyring backup codes/);
    await page.goto(linkIn(email, "/settings/two-factor"));
    await page.getByLabel("Backup code to check").fill(codes[0] as string);
    await page.getByRole("button", { name: "Check code" }).click();
    await expect(page.getByText("it is unused")).toBeVisible();
    await page.context().close();
  } finally {
    await own.stop();
  }
});
