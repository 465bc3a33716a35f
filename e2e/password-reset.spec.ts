import type { Page } from "@playwright/test";
import { expect, randomAddress, test } from "./support/fixtures";
import { createAccount, uniqueName } from "./support/accounts";
import { waitForEmail } from "./support/mail";
import { chooseNewPassword, expireResetLink, requestResetLink } from "./support/password-reset";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, signInWithPassword } from "./support/two-factor";
import { recordSecret } from "./support/secrets";

const NEW_PASSWORD = "a fresh and private passphrase";
test.beforeEach(() => recordSecret("password", NEW_PASSWORD));
const REQUESTED = "If an account uses this address, we sent it a link to choose a new password. The link works for one hour.";

async function signInAttempt(page: Page, email: string, password: string) {
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("forgot password: the emailed link sets a new password, once @phone", async ({ page }) => {
  const reset = await page.request.get("/auth/password/reset?token=anything");
  expect(reset.headers()["referrer-policy"]).toBe("no-referrer"); // the token is in the URL

  const account = createAccount();
  const link = await requestResetLink(page, account.email);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`@${account.username}`);
  await capture(page, "password-reset");
  await chooseNewPassword(page, NEW_PASSWORD);

  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=password-reset$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your password was changed. Sign in with your new password.");
  const changed = await waitForEmail(account.email, /password was changed/);
  expect(changed.text).toContain("Every session was signed out");
  expect(changed.text).not.toContain(NEW_PASSWORD);

  await signInAttempt(page, account.email, account.password);
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Invalid email or password.");
  await signIn(page, { email: account.email, password: NEW_PASSWORD });

  await page.goto(link);
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "This password reset link has already been used.",
  );
  await expect(page.getByRole("link", { name: "Send me a new reset link" })).toBeVisible();
});

test("an expired link is refused and offers a new one", async ({ page }) => {
  const account = createAccount();
  const link = await requestResetLink(page, account.email);
  expireResetLink(link);
  await page.goto(link);
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "This password reset link has expired. Links work for one hour.",
  );
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Send me a new reset link" }).click();
  await expect(page).toHaveURL(/\/auth\/password\/new$/);
  await page.goto("/auth/password/reset?token=made-up");
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("This password reset link is not valid.");
});

test("after a reset, two-factor sign-in still asks for the code, and other browsers are signed out", async ({ page, browser }) => {
  const account = createAccount();
  const elsewhere = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const elsewherePage = await elsewhere.newPage();
  await signIn(elsewherePage, account);
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  await signOut(page);

  await page.goto(await requestResetLink(page, account.email));
  await chooseNewPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=password-reset$/);

  await elsewherePage.goto("/settings/account");
  await expect(elsewherePage).toHaveURL(/\/auth\/sign-in/);
  await elsewhere.close();

  await signInWithPassword(page, { email: account.email, password: NEW_PASSWORD });
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1)); // the current step was used by the setup
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
});

test("a known and an unknown address get the same answer: page, HTTP status and response body", async ({ page }) => {
  const account = createAccount();
  const answers: { page: string; status: number; body: string }[] = [];
  let answer = { status: 0, body: "" };
  await page.route("**/auth/password/new", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    answer = { status: response.status(), body: await response.text() };
    await route.fulfill({ response });
  });
  for (const email of [account.email, `${uniqueName()}@example.test`]) {
    await page.goto("/auth/password/new");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Send me reset instructions" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(REQUESTED);
    // The answer echoes the typed address back into the form: that is the only difference allowed.
    const same = (text: string) => text.replaceAll(email, "EMAIL");
    answers.push({ page: same(await page.getByRole("main").innerText()), status: answer.status, body: same(answer.body) });
  }
  expect(answers[0]?.status).toBe(200);
  expect(answers[0]?.body).toContain("If an account uses this address");
  expect(answers[1]).toEqual(answers[0]);
  await waitForEmail(account.email, /Reset your/);
});

test("bad input gets the exact message at its field", async ({ page }) => {
  await page.goto("/auth/password/new");
  const email = page.getByLabel("Email address");
  const send = page.getByRole("button", { name: "Send me reset instructions" });
  for (const [input, message] of [
    ["", "Enter your email address."],
    ["not-an-email", "Enter a valid email address, like name@example.com."],
    [`${"a".repeat(10_240)}@example.test`, "Email addresses are at most 254 characters."],
  ]) {
    await email.fill(input as string);
    await send.click();
    await expect(page.locator("#email-error")).toHaveText(message as string);
    await expect(email).toHaveAttribute("aria-invalid", "true");
  }

  const account = createAccount();
  await page.goto(await requestResetLink(page, account.email));
  for (const [password, confirmation, field, message] of [
    ["", "", "password", "Enter a password."],
    ["7 chars", "7 chars", "password", "This password is too short (7 characters). Use at least 8."],
    [
      "é".repeat(37),
      "é".repeat(37),
      "password",
      "This password is too long (74 bytes). Use at most 72. This password repeats a few characters (like aaaa or abab): attackers try those first.",
    ],
    ["password1", "password1", "password", "This password is too common: it appears in lists that attackers try first."],
    [account.email, account.email, "password", "Your password must not be your email address or username."],
    [NEW_PASSWORD, `${NEW_PASSWORD}!`, "passwordConfirmation", "The two passwords do not match."],
  ] as const) {
    await chooseNewPassword(page, password, confirmation);
    await expect(page.locator(`#${field}-error`)).toHaveText(message);
    await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");
  }
  await capture(page, "password-reset-errors");
  // None of those used the link up.
  await chooseNewPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=password-reset$/);
});

/** As in layout.spec.ts: a screenshot to look at, and nothing wider than the screen. */
async function capture(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${test.info().project.name}-${name}.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
}
