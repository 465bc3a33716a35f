import { expect, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
import { waitForEmail, type ReceivedEmail } from "./support/mail";
import { waitForEmails } from "./support/security-emails";
import { confirmPasswordIfAsked } from "./support/security-keys";
import { signIn, signOut } from "./support/sign-in";
import { enableTwoFactor, signInWithPassword } from "./support/two-factor";

async function turnOnEmailCodes(page: import("@playwright/test").Page, account: { password: string }) {
  await page.goto("/settings/two-factor");
  await confirmPasswordIfAsked(page, account.password);
  await page.getByRole("button", { name: "Turn on codes by email" }).click();
  await expect(page.getByRole("button", { name: "Turn off codes by email" })).toBeVisible();
}
const codeIn = (email: ReceivedEmail) => /^(\d{6})$/m.exec(email.text)?.[1] as string;
const codeError = (page: import("@playwright/test").Page) => page.locator("#code-error");

test("opt in to codes by email, then sign in with one read from the mailbox @phone", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);

  await turnOnEmailCodes(page, account);
  const optIn = await waitForEmail(account.email, /Sign-in codes by email are on/);
  expect(optIn.text).toMatch(/When: /);

  await signOut(page);
  await signInWithPassword(page, account);
  // Opened by its address, the form sends nothing yet: checking a code before any was sent says what
  // to do, and costs no attempt.
  await page.goto("/auth/two-factor?method=email-code");
  await page.getByLabel("Code from the email").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(codeError(page)).toContainText("Send yourself a code first");

  // From the other ways to sign in, one click sends the code and opens the field for it.
  await page.goto("/auth/two-factor");
  await page.getByRole("navigation", { name: "Other ways to sign in" }).getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We emailed you a code" })).toBeVisible();
  await expect(page.getByLabel("Code from the email")).toBeFocused();
  const mail = await waitForEmail(account.email, /sign-in code/);
  const code = codeIn(mail);
  expect(mail.text).toContain("expires in 10 minutes");

  // Resending at once is limited; a wrong code counts as a failed attempt.
  await page.getByRole("button", { name: "Email me a new code" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A code was sent a moment ago" })).toBeVisible();
  await page.getByLabel("Code from the email").fill(String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(codeError(page)).toContainText("That code did not work. Use the code from the latest email");
  await expect(codeError(page)).toContainText("4 tries left");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-email-code.png`, fullPage: true });

  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await page.goto("/settings/security-log");
  await expect(page.getByRole("main")).toContainText("password and email code");

  // Used once: the same code in the next sign-in is refused.
  await signOut(page);
  await signInWithPassword(page, account);
  await page.goto("/auth/two-factor?method=email-code");
  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(codeError(page)).toContainText("Send yourself a code first");
});

test("a code emailed for one sign-in does not finish another", async ({ page, browser }) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);
  await turnOnEmailCodes(page, account);
  await signOut(page);

  await signInWithPassword(page, account);
  await page.getByRole("button", { name: "Email me a code" }).click();
  const code = codeIn(await waitForEmail(account.email, /sign-in code/));

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInWithPassword(otherPage, account);
  await otherPage.goto("/auth/two-factor?method=email-code");
  await otherPage.getByRole("button", { name: "Email me a code" }).click();
  await expect(otherPage.getByRole("status").filter({ hasText: "We emailed you a code" })).toBeVisible();
  const otherCode = codeIn((await waitForEmails(account.email, /sign-in code/, 2))[1] as ReceivedEmail);
  await otherPage.getByLabel("Code from the email").fill(code);
  await otherPage.getByRole("button", { name: "Verify" }).click();
  await expect(otherPage.locator("#code-error")).toContainText("That code did not work");
  await otherPage.getByLabel("Code from the email").fill(otherCode);
  await otherPage.getByRole("button", { name: "Verify" }).click();
  await expect(otherPage).toHaveURL(/\/settings\/account$/);
  await other.close();
});
