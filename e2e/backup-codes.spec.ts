import { readFileSync } from "node:fs";
import { createAccount, startPendingSignIns } from "./support/accounts";
import { stolenDatabase } from "./support/database-dump";
import { expect, randomAddress, test } from "./support/fixtures";
import { waitForEmail } from "./support/mail";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, readBackupCodes, signInWithPassword } from "./support/two-factor";
import { recordSecret } from "./support/secrets";

async function useBackupCode(page: import("@playwright/test").Page, account: { email: string; password: string }, code: string) {
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("backup codes are shown once, downloaded, and each signs in once @phone", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await page.goto("/settings/two-factor/setup");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();

  const codes = await readBackupCodes(page);
  for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
  expect(new Set(codes).size).toBe(10);
  await page.screenshot({ path: `screenshots/${test.info().project.name}-backup-codes.png`, fullPage: true });
  const next = page.getByRole("button", { name: "Continue" });
  await expect(next).toBeDisabled();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe(`keyring-backup-codes-${account.username}.txt`);
  // Whose codes, from where and when, above them (as GitHub and GitLab do), then one code a line.
  const file = readFileSync(await download.path(), "utf8").split("\n");
  expect(file.slice(0, 4)).toEqual([
    "Keyring backup codes",
    `Account: ${account.username} (${account.email})`,
    `Site: ${new URL(page.url()).origin}`,
    expect.stringMatching(
      new RegExp(`^Generated: ${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date())}, \\d{2}:\\d{2} \\S+$`),
    ),
  ]);
  expect(file.slice(4)).toEqual(["", ...codes, ""]);
  await expect(next).toBeEnabled();
  await next.click();
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-two-factor-on.png`, fullPage: true });

  // Never shown again.
  await page.goto("/settings/two-factor/setup");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByRole("list", { name: "Backup codes" })).toHaveCount(0);
  expect(await page.content()).not.toContain(codes[0]);

  await signOut(page);
  await useBackupCode(page, account, `  ${(codes[0] as string).replace(/-/g, "").toUpperCase()} `);
  await expect(page).toHaveURL(/\/settings\/two-factor\?notice=backup-code-used/);
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("9");
  const used = await waitForEmail(account.email, /backup code was used/);
  expect(used.text).toContain("9 unused backup codes left");
  for (const code of codes) expect(used.text + used.html).not.toContain(code);

  await signOut(page);
  await useBackupCode(page, account, codes[0] as string);
  await expect(page.locator("#code-error")).toContainText("That backup code did not work");
  for (const [input, message] of [
    ["00000-00000-00000", "That is not a backup code"],
    ["abcde", "Backup codes have 15 letters and digits"],
  ]) {
    await page.getByLabel("Backup code").fill(input as string);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("#code-error")).toContainText(message as string);
  }
});

test("regenerating invalidates the old set at once; a code from another account never works", async ({ page, browser }) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes: old } = await enableTwoFactor(page, account);

  await page.getByRole("link", { name: "Regenerate codes" }).click();
  await expect(page.getByText("All of your existing backup codes stop working")).toBeVisible();
  await page.getByRole("button", { name: "Generate new codes" }).click();
  const fresh = await readBackupCodes(page);
  expect(fresh.some((code) => old.includes(code))).toBe(false);
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await waitForEmail(account.email, /New backup codes/);

  const stranger = createAccount();
  const strangerPage = await (await browser.newContext()).newPage();
  await signIn(strangerPage, stranger);
  const { codes: strangers } = await enableTwoFactor(strangerPage, stranger);

  await signOut(page);
  await useBackupCode(page, account, old[1] as string);
  await expect(page.locator("#code-error")).toContainText("That backup code did not work");
  await page.getByLabel("Backup code").fill(strangers[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#code-error")).toContainText("3 tries left");
  await page.getByLabel("Backup code").fill(fresh[1] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor\?notice=backup-code-used/);
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("9");
});

test("a backup code can stand in for the app when turning two-factor authentication off", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  await page.getByLabel("Authentication code or backup code").fill("not a code!");
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.locator("#code-error")).toContainText("6-digit code from your authenticator app, or one of your backup codes");
  await page.getByLabel("Authentication code or backup code").fill(codes[3] as string);
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is off");
});

test("the database holds no backup code in plain text", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  const stolen = stolenDatabase();
  expect(stolen).toContain(account.email); // the search itself works
  for (const code of codes) {
    for (const form of [code, code.replace(/-/g, ""), code.toUpperCase()]) expect(stolen).not.toContain(form);
  }
});

test("50 parallel sign-ins with the same backup code: exactly one succeeds", async ({ page, playwright }) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  await signOut(page);
  const tokens = startPendingSignIns(account.email, 50);

  // One real submission from the form, held back, gives the request the server action expects.
  await page.context().addCookies([{ name: "pending-signin", value: tokens[0] as string, url: page.url() }]);
  await page.goto("/auth/two-factor?method=backup-code");
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/auth/two-factor**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { url: request.url(), headers: request.headers(), body: request.postDataBuffer() as Buffer };
    await route.abort();
  });
  await page.getByLabel("Backup code").fill(codes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect.poll(() => captured).toBeDefined();
  const { url, headers, body } = captured as NonNullable<typeof captured>;

  const api = await playwright.request.newContext();
  const responses = await Promise.all(
    tokens.map((token) =>
      api.post(url, {
        headers: { ...headers, cookie: `pending-signin=${token}`, "x-forwarded-for": randomAddress() },
        data: body,
      }),
    ),
  );
  expect(responses.every((response) => response.status() < 500)).toBe(true);
  const granted = responses.filter((response) =>
    response.headersArray().some((header) => header.name.toLowerCase() === "set-cookie" && header.value.includes("signin-grant=")),
  );
  expect(granted).toHaveLength(1);
  await api.dispose();
});

test("a new session must confirm again before regenerating, with the password or an app code", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret, codes } = await enableTwoFactor(page, account);
  await signOut(page);
  await useBackupCode(page, account, codes[0] as string);
  await expect(page).toHaveURL(/notice=backup-code-used/);

  await page.getByRole("link", { name: "Regenerate codes" }).click();
  await expect(page).toHaveURL(/\/settings\/confirm-password\?next=/);
  await page.getByLabel("Code from your authenticator app").fill("12345");
  await page.getByRole("button", { name: "Confirm with code" }).click();
  await expect(page.locator("#code-error")).toHaveText("The code has exactly 6 digits.");
  await page.getByLabel("Code from your authenticator app").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Confirm with code" }).click();
  await expect(page.getByRole("heading", { name: "Regenerate backup codes" })).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-regenerate.png`, fullPage: true });
});
