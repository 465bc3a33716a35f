import { createAccount, uniqueName } from "./support/accounts";
import { confirmEmailChange, requestEmailChange } from "./support/email-change";
import { expect, randomAddress, test } from "./support/fixtures";
import { emailsTo, waitForEmail } from "./support/mail";
import { expireResetLink } from "./support/password-reset";
import { signIn, signOut } from "./support/sign-in";

const freshAddress = (prefix: string) => `${uniqueName(prefix)}@example.test`;
const pageMessage = (page: import("@playwright/test").Page) => page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ });

test("change the email address: password first, a link to the new address, then sign in with it @phone", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await page.getByRole("link", { name: "Change email address" }).click();
  await expect(page).toHaveURL(/\/settings\/confirm-password\?next=%2Fsettings%2Faccount%2Femail$/);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change email address" })).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-change-email.png`, fullPage: true });

  const newEmail = freshAddress("new");
  const link = await requestEmailChange(page, account, newEmail);
  await page.screenshot({ path: `screenshots/${test.info().project.name}-change-email-sent.png`, fullPage: true });
  await page.goto("/settings/account");
  await expect(page.getByRole("main").getByText(account.email)).toBeVisible(); // nothing changes before the link

  await page.goto(link);
  await expect(page.getByRole("main")).toContainText(`Use ${newEmail} as the email address of @${account.username}?`);
  await page.screenshot({ path: `screenshots/${test.info().project.name}-change-email-confirm.png`, fullPage: true });
  await page.getByRole("button", { name: "Use this email address" }).click();
  await expect(page).toHaveURL(/\/settings\/account\?notice=email-changed$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your email address was changed. Your previous address was told.");
  await expect(page.getByRole("main").getByText(newEmail)).toBeVisible();
  await waitForEmail(account.email, /email address of your .* account was changed/);

  await signOut(page);
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("Invalid email or password.");
  await signIn(page, { email: newEmail, password: account.password });

  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Security log" }).click();
  const events = page.getByRole("list", { name: "Security events" }).getByRole("listitem");
  await expect(events.filter({ hasText: "Email address change requested" })).toHaveCount(1);
  await expect(events.filter({ hasText: "Email address changed" })).toHaveCount(1);
});

test("an expired link, and a link used once, change nothing", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const expiring = freshAddress("late");
  const expired = await requestEmailChange(page, account, expiring);
  expireResetLink(expired);
  await page.goto(expired);
  await expect(pageMessage(page)).toContainText("This link has expired.");
  await expect(page.getByRole("button", { name: "Use this email address" })).toHaveCount(0);

  const newEmail = freshAddress("once");
  const link = await requestEmailChange(page, account, newEmail);
  await confirmEmailChange(page, link);
  await expect(page).toHaveURL(/notice=email-changed/);
  await page.goto(link);
  await expect(pageMessage(page)).toContainText("This link has already been used");
  await page.goto("/settings/account");
  await expect(page.getByRole("main").getByText(newEmail)).toBeVisible();
});

test("only the account that asked can use the link; a signed-out visitor signs in first", async ({ page, browser }) => {
  const owner = createAccount();
  await signIn(page, owner);
  const newEmail = freshAddress("owned");
  const link = await requestEmailChange(page, owner, newEmail);

  const intruder = createAccount();
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const other = await context.newPage();
  await signIn(other, intruder);
  await other.goto(link);
  await expect(pageMessage(other)).toContainText("This link is for another account.");
  await expect(other.getByRole("main")).not.toContainText(newEmail);
  await other.goto("/settings/account");
  await expect(other.getByRole("main").getByText(intruder.email)).toBeVisible();

  // Signed out, the link leads through the sign-in page and back.
  await signOut(other);
  await other.goto(link);
  await expect(other).toHaveURL(/\/auth\/sign-in\?next=/);
  await other.getByLabel("Email address").fill(owner.email);
  await other.getByLabel("Password").fill(owner.password);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other).toHaveURL(/\/auth\/email-change\?token=/);
  await other.getByRole("button", { name: "Use this email address" }).click();
  await expect(other).toHaveURL(/notice=email-changed/);
  await expect(other.getByRole("main").getByText(newEmail)).toBeVisible();
  await context.close();
});

test("bad input gets a message at the field; a taken address gets the same answer as a free one", async ({ page }) => {
  const account = createAccount();
  const taken = createAccount();
  await signIn(page, account);
  await page.goto("/settings/confirm-password?next=/settings/account/email");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change email address" })).toBeVisible();

  const submit = page.getByRole("button", { name: "Send confirmation link" });
  // No two submits in a row get the same message: a repeated one would be on the page before the answer.
  for (const [input, message] of [
    ["", "Enter your new email address."],
    ["not-an-address", "Enter a valid email address, like name@example.com."],
    ["   ", "Enter your new email address."],
    [`${"a".repeat(250)}@example.test`, "Email addresses are at most 254 characters."],
    [account.email.toUpperCase(), "That is already your email address."],
  ]) {
    await page.getByLabel("New email address").fill(input as string);
    await submit.click();
    await expect(page.locator("#email-error")).toHaveText(message as string);
    await expect(page.getByLabel("New email address")).toHaveAttribute("aria-invalid", "true");
  }
  await page.screenshot({ path: `screenshots/${test.info().project.name}-change-email-errors.png`, fullPage: true });

  const free = freshAddress("free");
  const answers: string[] = [];
  for (const address of [free, taken.email]) {
    await page.getByLabel("New email address").fill(address);
    await submit.click();
    const status = page.getByRole("main").getByRole("status");
    await expect(status).toContainText(`We sent a link to ${address}.`);
    answers.push((await status.innerText()).replace(address, "ADDRESS"));
  }
  expect(answers[1]).toBe(answers[0]);
  await waitForEmail(free, /Confirm your new email address/);
  const notice = await waitForEmail(taken.email, /tried to use your .* address for another account/);
  expect(notice.text).not.toContain(account.username);
  expect(notice.text).not.toContain("/auth/email-change");
  expect((await emailsTo(taken.email)).filter((email) => /Confirm your new email address/.test(email.subject))).toHaveLength(0);
});
