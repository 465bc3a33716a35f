import { createAccount } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { printedText } from "./support/pdf";
import { signIn } from "./support/sign-in";
import { turnOnAuthenticator } from "./support/two-factor";

// The browser runs in this machine's zone, as Node does.
const today = () => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date());

test("printing the backup codes prints the codes with the site, the account and the date, and nothing else @phone", async ({ page, baseURL }) => {
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
  for (const other of ["Continue", "I have saved", "Download", "Sign out", "Preferences", "Two-factor authentication is on", "Authenticator app"]) {
    expect(text, `the printout shows "${other}"`).not.toContain(other);
  }
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-codes-print.png`, fullPage: true });

  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
});
