import { expect, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
import { stolenDatabase } from "./support/database-dump";
import { emailsTo, waitForEmail } from "./support/mail";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, signInWithPassword } from "./support/two-factor";
import { recordSecret } from "./support/secrets";

const codeError = (page: import("@playwright/test").Page) => page.locator("#code-error");

test("set up an authenticator app, sign in with a code, and a replayed code is refused @phone", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);

  await page.goto("/settings/two-factor");
  await page.getByRole("link", { name: "Set up authenticator app" }).click();
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.locator("#password-error")).toHaveText("That password is not right.");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();

  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-two-factor-setup.png`, fullPage: true });
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);
  expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits in base32

  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(codeError(page)).toContainText("clock");
  await page.getByLabel("Authentication code").fill(codeAt(secret).replace(/^(\d{3})/, "$1 "));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is on");
  await waitForEmail(account.email, /Two-factor authentication is on/);

  await signOut(page);
  await signInWithPassword(page, account);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-two-factor-sign-in.png`, fullPage: true });
  // No session exists between the two steps.
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  await signInWithPassword(page, account);

  const code = codeAt(secret, 1); // the current step was used by the setup
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  await signOut(page);
  await signInWithPassword(page, account);
  for (const [replay, left] of [
    [code, "4 tries left"],
    [codeAt(secret), "3 tries left"],
  ]) {
    await page.getByLabel("Authentication code").fill(replay as string);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(codeError(page)).toContainText(
      `That code did not work. Enter the code your authenticator app shows now, and check that your phone's clock is right. ${left}`,
    );
  }
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
});

test("bad codes get a clear message at the field", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await enableTwoFactor(page, account);
  await signOut(page);
  await signInWithPassword(page, account);
  for (const [input, message] of [
    ["", "Enter the 6-digit code from your authenticator app."],
    ["abcdef", "The code is made of digits only."],
    ["12345", "The code has exactly 6 digits."],
    ["1234567", "The code has exactly 6 digits."],
    ["12 34 5x", "The code is made of digits only."],
  ]) {
    await page.getByLabel("Authentication code").fill(input as string);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByLabel("Authentication code")).toHaveValue(""); // the form resets when the answer arrives
    await expect(codeError(page)).toHaveText(message as string);
  }
});

test("five wrong codes void the pending sign-in", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  await signOut(page);
  await signInWithPassword(page, account);
  const wrong = codeAt(secret, 1) === "111111" ? "222222" : "111111";
  for (const left of ["4 tries left", "3 tries left", "2 tries left", "1 try left"]) {
    await page.getByLabel("Authentication code").fill(wrong);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(codeError(page)).toContainText(left);
  }
  await page.getByLabel("Authentication code").fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("Too many failed attempts");
  // Even the right code cannot finish this sign-in now.
  await page.goto("/auth/two-factor");
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("expired");

  await signInWithPassword(page, account);
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  // Five failures, one email (at most one an hour), and every failure in the security log.
  const alert = await waitForEmail(account.email, /Failed sign-in attempt/);
  expect(alert.text).toContain("failed the second step (authenticator app)");
  expect(alert.text).not.toContain(wrong);
  expect((await emailsTo(account.email)).filter((email) => /Failed sign-in attempt/.test(email.subject))).toHaveLength(1);
  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Security log" }).click();
  const events = page.getByRole("list", { name: "Security events" }).getByRole("listitem");
  await expect(events.filter({ hasText: "Failed second step (authenticator app, at sign-in)" })).toHaveCount(5);
  await expect(events.filter({ hasText: "Signed in (password and authenticator app)" })).toHaveCount(1);
  await expect(events.filter({ hasText: "Two-factor authentication turned on" })).toHaveCount(1);
});

test("disable two-factor authentication with sudo mode and a current code", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);

  await page.getByLabel("Authentication code").fill("123456" === codeAt(secret, 1) ? "654321" : "123456");
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(codeError(page)).toContainText("That code did not work");
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is off");
  await waitForEmail(account.email, /Two-factor authentication is off/);

  await signOut(page);
  await signIn(page, account); // straight in: no second step any more
});

test("wrong codes at the sudo prompt count like the second step: the owner is emailed once, five in a row stop codes until the next sign-in", async ({
  page,
}) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  const wrong = codeAt(secret, 1) === "111111" ? "222222" : "111111";

  await page.goto("/settings/confirm-password?next=/settings/two-factor");
  const code = page.getByLabel("Code from your authenticator app");
  const confirm = page.getByRole("button", { name: "Confirm with code" });
  for (const answer of [
    "That code did not work",
    "That code did not work",
    "That code did not work",
    "That code did not work",
    "Too many wrong codes in a row",
  ]) {
    await code.fill(wrong);
    await confirm.click();
    await expect(code).toHaveValue(""); // the form resets when the answer arrives
    await expect(codeError(page)).toContainText(answer);
  }
  // After five in a row, even the right code is refused before it is checked; the password still confirms.
  await code.fill(codeAt(secret, 1));
  await confirm.click();
  await expect(code).toHaveValue("");
  await expect(codeError(page)).toContainText("Too many wrong codes in a row");

  const alert = await waitForEmail(account.email, /Wrong second factor entered/);
  expect(alert.text).toContain("a wrong code was entered (authenticator app, when asked to confirm it was you before a security change)");
  expect(alert.text).not.toContain(wrong);
  expect((await emailsTo(account.email)).filter((email) => /Wrong second factor|Failed sign-in attempt/.test(email.subject))).toHaveLength(
    1,
  );

  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Security log" }).click();
  const events = page.getByRole("list", { name: "Security events" }).getByRole("listitem");
  await expect(events.filter({ hasText: "Failed second step (authenticator app, confirming it's you)" })).toHaveCount(5);

  // A new sign-in with the password starts a new run: the right code signs in.
  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
});

test("the database holds the TOTP secret only encrypted", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  const stolen = stolenDatabase();
  expect(stolen).toContain(account.email); // the search itself works
  expect(stolen).not.toContain(secret);
  expect(stolen).not.toContain(Buffer.from(secret).toString("base64"));
});
