import { createAccount, secondFactorFigures } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { waitForEmail } from "./support/mail";
import { signIn, signOut } from "./support/sign-in";
import { enableTwoFactor, readBackupCodes, signInWithPassword } from "./support/two-factor";

async function signInWithBackupCode(page: import("@playwright/test").Page, account: { email: string; password: string }, code: string) {
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor\?notice=backup-code-used/);
}

async function checkCode(page: import("@playwright/test").Page, code: string) {
  await page.getByLabel("Backup code to check").fill(code);
  await page.getByRole("button", { name: "Check code" }).click();
}

test("after a regeneration the page invites a check; the checked code is not used up and signs in later @phone", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);

  await page.getByRole("link", { name: "Regenerate codes" }).click();
  await page.getByRole("button", { name: "Generate new codes" }).click();
  const fresh = await readBackupCodes(page);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Check one of them below");
  await expect(page.getByLabel("Backup code to check")).toBeFocused();

  await page.keyboard.type(` ${(fresh[4] as string).toUpperCase()} `);
  await page.keyboard.press("Enter");
  await expect(page.getByText("That code is one of your current backup codes, and it is unused")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
  await expect(page.getByText(/Last confirmed: /)).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-code-check.png`, fullPage: true });

  for (const [input, message] of [
    ["not a code!", "That is not a backup code"],
    ["abcde", "Backup codes have 15 letters and digits"],
  ]) {
    await checkCode(page, input as string);
    await expect(page.locator("#check-code-error")).toContainText(message as string);
  }

  await signOut(page);
  await signInWithBackupCode(page, account, fresh[4] as string);
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("9");
});

test("attacker with a session: guesses at the check count as failed second factors and stop after 5; the owner's checked code still works", async ({
  page,
}) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  await checkCode(page, codes[2] as string);
  await expect(page.getByText("it is unused")).toBeVisible();

  const guesses = ["22222-22222-22222", "33333-33333-33333", "44444-44444-44444", "55555-55555-55555"];
  for (const [index, left] of ["4 tries left", "3 tries left", "2 tries left", "1 try left"].entries()) {
    await checkCode(page, guesses[index] as string);
    await expect(page.locator("#check-code-error")).toContainText(`That is not an unused backup code of this account. ${left}`);
  }
  await checkCode(page, "66666-66666-66666");
  await expect(page.locator("#check-code-error")).toContainText("Too many wrong codes in a row");
  // The fifth wrong guess is where the second step stops too: even a right code is no longer checked.
  await checkCode(page, codes[3] as string);
  await expect(page.locator("#check-code-error")).toContainText("Too many wrong codes in a row");
  expect(secondFactorFigures(account.email)).toMatchObject({ failuresRecorded: 5, consecutiveFailures: 5 });
  const alert = await waitForEmail(account.email, /Wrong second factor/);
  expect(alert.text).toContain("backup code, to check a backup code without using it");

  await page.goto("/settings/security-log");
  await expect(page.getByText("Backup code checked (still unused)")).toBeVisible();
  await expect(page.getByText("Failed second step (backup code, checking a backup code)").first()).toBeVisible();

  // A new sign-in with the password ends the run; the code checked before is still unused.
  await signOut(page);
  await signInWithBackupCode(page, account, codes[2] as string);
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("9");
});

test("out of sudo mode, checking a code asks for the password first", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  await signOut(page);
  await signInWithBackupCode(page, account, codes[0] as string);
  await expect(page.getByLabel("Backup code to check")).toHaveCount(0);
  await page.getByRole("link", { name: "Confirm your password to check a code" }).click();
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor#check-backup-code$/);
  await checkCode(page, codes[1] as string);
  await expect(page.getByText("it is unused")).toBeVisible();
});
