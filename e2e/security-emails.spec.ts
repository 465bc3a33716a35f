import type { Browser, Page } from "@playwright/test";
import { createAccount, uniqueName } from "./support/accounts";
import { confirmEmailChange, requestEmailChange } from "./support/email-change";
import { expect, randomAddress, test } from "./support/fixtures";
import { emailsTo, linkIn, waitForEmail } from "./support/mail";
import { chooseNewPassword, requestResetLink } from "./support/password-reset";
import { expectNoSecrets, expectWhenAndFrom, fromBrowser, waitForEmails } from "./support/security-emails";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, readBackupCodes, signInWithPassword } from "./support/two-factor";

// Every security email, triggered as people trigger them and read from the SMTP server: its subject,
// when and from where, and that it holds none of the secrets in play.

/** This browser's requests come from `ip` (the app trusts X-Forwarded-For in these tests). */
async function comeFrom(page: Page, ip = randomAddress()): Promise<string> {
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": ip });
  return ip;
}

/** A browser of someone else's (a new context), from an address of its own. */
async function anotherBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  return context.newPage();
}

/** Every authenticator code near now: whichever the test typed, none may be in an email. */
const totpCodes = (secret: string) => [-2, -1, 0, 1, 2].map((steps) => codeAt(secret, steps));

/** The token part of an emailed link. */
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

test("password changed in Preferences, then reset by email link", async ({ page }) => {
  const account = createAccount();
  const ip = await comeFrom(page);
  await signIn(page, account);
  const changed = "a fresh and private passphrase";
  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill(changed);
  await page.getByLabel("Confirm new password").fill(changed);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password was changed");

  const [inSettings] = await waitForEmails(account.email, /password was changed/, 1);
  expect(inSettings?.subject).toMatch(/^Your .* password was changed$/);
  expect(inSettings?.text).toContain("changed in Preferences");
  expectWhenAndFrom(inSettings!, fromBrowser(ip));
  expectNoSecrets(inSettings!, [account.password, changed]);

  await signOut(page);
  const link = await requestResetLink(page, account.email);
  await page.goto(link);
  const reset = "another private passphrase";
  await chooseNewPassword(page, reset);
  const afterReset = (await waitForEmails(account.email, /password was changed/, 2))[1];
  expect(afterReset?.text).toContain("reset with a link");
  expectWhenAndFrom(afterReset!, fromBrowser(ip));
  const resetRequest = await waitForEmail(account.email, /Reset your/);
  for (const email of [afterReset!, inSettings!]) expectNoSecrets(email, [account.password, changed, reset, tokenOf(link)]);
  expect(resetRequest.text).toContain(tokenOf(link)); // the secret checked for is the real one
});

test("2FA on, backup codes regenerated, a failed second step (one email an hour), a backup code used, 2FA off", async ({ page }) => {
  test.setTimeout(120_000); // many sign-ins and emails
  const account = createAccount();
  const ip = await comeFrom(page);
  await signIn(page, account);
  const { secret, codes: firstCodes } = await enableTwoFactor(page, account);

  const enabled = await waitForEmail(account.email, /Two-factor authentication is on/);
  expect(enabled.subject).toMatch(/^Two-factor authentication is on for your .* account$/);
  expectWhenAndFrom(enabled, fromBrowser(ip));

  await page.getByRole("link", { name: "Regenerate codes" }).click();
  await page.getByRole("button", { name: "Generate new codes" }).click();
  const newCodes = await readBackupCodes(page);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  const regenerated = await waitForEmail(account.email, /New backup codes/);
  expect(regenerated.subject).toMatch(/^New backup codes for your .* account$/);
  expect(regenerated.text).toContain("A new set of backup codes was generated");
  expectWhenAndFrom(regenerated, fromBrowser(ip));

  await signOut(page);
  await signInWithPassword(page, account);
  const wrong = ["000000", "111111", "222222"].find((code) => !totpCodes(secret).includes(code)) as string;
  for (const attempt of [1, 2]) {
    await page.getByLabel("Authentication code").fill(wrong);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("#code-error")).toContainText(`${5 - attempt} tries left`);
  }
  const failed = await waitForEmail(account.email, /Failed sign-in attempt/);
  expect(failed.subject).toMatch(/^Failed sign-in attempt on your .* account$/);
  expectWhenAndFrom(failed, fromBrowser(ip));

  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(newCodes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/notice=backup-code-used/);
  const used = await waitForEmail(account.email, /A backup code was used/);
  expect(used.subject).toMatch(/^A backup code was used to sign in to /);
  expect(used.text).toContain("You have 9 unused backup codes left.");
  expectWhenAndFrom(used, fromBrowser(ip));
  // Mail leaves in the order it was queued: the second failure, before this one, sent nothing.
  expect((await emailsTo(account.email)).filter((email) => /Failed sign-in attempt/.test(email.subject))).toHaveLength(1);

  await page.goto("/settings/confirm-password?next=/settings/two-factor");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await page.getByLabel("Authentication code or backup code").fill(newCodes[1] as string);
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is off");
  const disabled = await waitForEmail(account.email, /Two-factor authentication is off/);
  expect(disabled.subject).toMatch(/^Two-factor authentication is off for your .* account$/);
  expect(disabled.text).toContain("Two-factor authentication was turned off for your");
  expectWhenAndFrom(disabled, fromBrowser(ip));

  const secrets = [account.password, secret, ...totpCodes(secret), ...firstCodes, ...newCodes, wrong];
  for (const email of [enabled, regenerated, failed, used, disabled]) expectNoSecrets(email, secrets);
});

/** An admin with 2FA, signed in in a browser of their own; each admin acts once (a code works once). */
async function signedInAdmin(browser: Browser) {
  const admin = createAccount({ role: "admin" });
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const page = await context.newPage();
  await signIn(page, admin);
  const { secret, codes } = await enableTwoFactor(page, admin);
  return { admin, page, secret, codes, close: () => context.close() };
}

/** Opens the user's page in the administration and submits one action with a fresh own code. */
async function actAsAdmin(
  staff: Awaited<ReturnType<typeof signedInAdmin>>,
  username: string,
  action: string,
  done: string,
  fill?: (form: import("@playwright/test").Locator) => Promise<void>,
) {
  const { page } = staff;
  await page.goto(`/admin?q=${username}`);
  await page.getByRole("link", { name: `@${username}` }).click();
  const form = page.locator("form", { has: page.getByRole("button", { name: action }) });
  await fill?.(form);
  await form.getByLabel("Your authentication code").fill(codeAt(staff.secret, 1));
  await form.getByRole("button", { name: action }).click();
  await expect(form.getByRole("status")).toContainText(done);
}

test("an administrator regenerates backup codes, turns 2FA off and changes the address: each email says so", async ({ page, browser }) => {
  const user = createAccount();
  await signIn(page, user);
  const { secret, codes } = await enableTwoFactor(page, user);
  test.setTimeout(150_000); // three administrators set up two-factor authentication
  const staff = await Promise.all([signedInAdmin(browser), signedInAdmin(browser), signedInAdmin(browser)]);
  const staffSecrets = staff.flatMap((one) => [one.admin.password, one.secret, ...totpCodes(one.secret), ...one.codes]);

  await actAsAdmin(staff[0]!, user.username, "Regenerate backup codes", "you will not see them");
  const delivery = await waitForEmail(user.email, /backup codes are ready/);
  expect(delivery.subject).toMatch(/^Your new .* backup codes are ready$/);
  expect(delivery.text).toContain("An administrator generated a new set of backup codes");
  expectWhenAndFrom(delivery, "an administrator, in the administration pages");
  const deliveryToken = tokenOf(linkIn(delivery, "/auth/backup-codes"));
  await page.goto(linkIn(delivery, "/auth/backup-codes"));
  await page.getByRole("button", { name: "Show my new backup codes" }).click();
  const delivered = await readBackupCodes(page);

  await actAsAdmin(staff[1]!, user.username, "Disable two-factor authentication", "Two-factor authentication is off for this account");
  const disabled = await waitForEmail(user.email, /Two-factor authentication is off/);
  expect(disabled.text).toContain("An administrator turned off two-factor authentication");
  expectWhenAndFrom(disabled, "an administrator, in the administration pages");

  const newEmail = `${uniqueName("moved")}@example.test`;
  await actAsAdmin(staff[2]!, user.username, "Change email address", "The email address was changed", (form) =>
    form.getByLabel("New email address").fill(newEmail),
  );
  const changed = await waitForEmail(user.email, /email address of your .* account was changed/);
  expect(changed.subject).toMatch(/^The email address of your .* account was changed$/);
  expect(changed.text).toContain(`An administrator changed the email address of your`);
  expect(changed.text).toContain(newEmail);
  expectWhenAndFrom(changed, "an administrator, in the administration pages");

  for (const email of [delivery, disabled, changed]) {
    expectNoSecrets(email, [user.password, secret, ...totpCodes(secret), ...codes, ...delivered, ...staffSecrets]);
    for (const one of staff) expect(email.text).not.toContain(one.admin.email);
  }
  expectNoSecrets(disabled, [deliveryToken]);
  expectNoSecrets(changed, [deliveryToken]);
  for (const one of staff) await one.close();
});

test("the user changes their own address: the old one is told when and from where", async ({ page }) => {
  const account = createAccount();
  const ip = await comeFrom(page);
  await signIn(page, account);
  const newEmail = `${uniqueName("mine")}@example.test`;
  const link = await requestEmailChange(page, account, newEmail);
  await confirmEmailChange(page, link);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your email address was changed");

  const changed = await waitForEmail(account.email, /email address of your .* account was changed/);
  expect(changed.subject).toMatch(/^The email address of your .* account was changed$/);
  expect(changed.text).toContain(`was changed to ${newEmail}.`);
  expectWhenAndFrom(changed, fromBrowser(ip));
  const request = await waitForEmail(newEmail, /Confirm your new email address/);
  expectWhenAndFrom(request, fromBrowser(ip));
  for (const email of [changed, request]) expectNoSecrets(email, [account.password]);
  expectNoSecrets(changed, [tokenOf(link)]);
});

test("a sign-in from a new browser is emailed when the account has no 2FA; not the same browser again, not with 2FA", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // many sign-ins and emails
  const account = createAccount();
  await comeFrom(page);
  await signIn(page, account); // the account's first sign-in: nothing to compare with

  const other = await anotherBrowser(browser);
  const otherIp = await comeFrom(other);
  await signIn(other, account);
  const alert = await waitForEmail(account.email, /New sign-in/);
  expect(alert.subject).toMatch(/^New sign-in to your .* account$/);
  expect(alert.text).toContain("change your password now, then turn on two-factor authentication");
  expectWhenAndFrom(alert, fromBrowser(otherIp));
  expectNoSecrets(alert, [account.password]);

  await signOut(other);
  await signIn(other, account);
  await requestResetLink(await anotherBrowser(browser), account.email); // queued after, so delivered after
  expect((await emailsTo(account.email)).filter((email) => /New sign-in/.test(email.subject))).toHaveLength(1);

  const guarded = createAccount();
  await signOut(page);
  await signIn(page, guarded);
  const { secret } = await enableTwoFactor(page, guarded);
  const third = await anotherBrowser(browser);
  await signInWithPassword(third, guarded);
  await third.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await third.getByRole("button", { name: "Verify" }).click();
  await expect(third).toHaveURL(/\/settings\/account$/);
  await requestResetLink(await anotherBrowser(browser), guarded.email);
  expect((await emailsTo(guarded.email)).filter((email) => /New sign-in/.test(email.subject))).toHaveLength(0);
});
