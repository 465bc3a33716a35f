import type { Page } from "@playwright/test";
import { createAccount, runWithAppDatabase } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { waitForEmail } from "./support/mail";
import {
  addPasskey,
  addPasskeyAuthenticator,
  holdAutofill,
  movePasskeys,
  passkeysOn,
  pickPasskeyInAutofill,
  signAsAnotherSite,
} from "./support/passkeys";
import { confirmPasswordIfAsked } from "./support/security-keys";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, signInWithPassword } from "./support/two-factor";

const passkeyButton = (page: Page) => page.getByRole("button", { name: "Sign in with a passkey" });
const passkeyProblem = (page: Page) => page.locator("#passkey-problem");

/** Signed in, and the security log says how. */
async function expectSignedInWithPasskey(page: Page) {
  await expect(page).toHaveURL(/\/settings\/account$/);
  await page.goto("/settings/security-log");
  await expect(page.getByRole("main")).toContainText("Signed in with a passkey");
}

test.beforeEach(async ({ context }) => {
  await holdAutofill(context);
});

test("add a passkey, sign out, sign in with the button: no password typed @phone", async ({ page }) => {
  const account = createAccount();
  const passkeys = await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await addPasskey(page, account, "Work laptop");
  const list = page.getByRole("list", { name: "Your passkeys" });
  await expect(list).toContainText("Work laptop");
  await expect(list).toContainText("Bound to one device");
  await expect(page.getByRole("list", { name: "Your security keys" })).toHaveCount(0);
  const [stored] = await passkeysOn(passkeys);
  expect(stored?.isResidentCredential).toBe(true);
  expect((await waitForEmail(account.email, /A passkey was added/)).text).toContain("“Work laptop”");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-passkeys.png`, fullPage: true });

  await signOut(page);
  await expect(page.getByLabel("Email address")).toHaveAttribute("autocomplete", "username webauthn");
  await passkeyButton(page).click();
  await expectSignedInWithPasskey(page);
  await expect(page.getByRole("main")).toContainText("Passkey added (Work laptop)");
});

test("the browser's autofill offers the passkey and signs in with it", async ({ page }) => {
  const account = createAccount();
  await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await addPasskey(page, account, "Phone");
  await signOut(page);

  await pickPasskeyInAutofill(page);
  await expectSignedInWithPasskey(page);
  await page.goto("/settings/two-factor");
  await expect(page.getByRole("list", { name: "Your passkeys" })).not.toContainText("never used");
});

test("a passkey on a device that did not verify the user is refused for passwordless sign-in", async ({ page, context }) => {
  const account = createAccount();
  const verifying = await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await addPasskey(page, account, "Old tablet");
  await signOut(page);

  // The same passkey on an authenticator that checks no one, in a browser that drops the page's demand
  // for user verification: the answer reaches the server and is refused there.
  await holdAutofill(context, { ignoreUserVerification: true });
  await movePasskeys(verifying, page, { userVerified: false });
  await page.reload();
  await passkeyButton(page).click();
  await expect(passkeyProblem(page)).toContainText("That passkey was not accepted");
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
});

test("a replayed passkey answer is refused", async ({ page }) => {
  const account = createAccount();
  await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await addPasskey(page, account, "Phone");
  await signOut(page);

  const sent = page.waitForRequest((request) => request.method() === "POST" && (request.postData() ?? "").includes("clientDataJSON"));
  await passkeyButton(page).click();
  const answer = await sent;
  await expectSignedInWithPasskey(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in/);

  // The same request again, from this sign-in page (which holds a challenge of its own now).
  const replayed = await page.evaluate(
    async ({ headers, body }) => (await fetch("/auth/sign-in", { method: "POST", headers, body })).text(),
    { headers: await answer.allHeaders(), body: answer.postData() as string },
  );
  expect(replayed).toMatch(/That passkey was not accepted|That took too long/);
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
});

test("a passkey confirms the sudo prompt", async ({ page }) => {
  const account = createAccount();
  await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await addPasskey(page, account, "Phone");
  runWithAppDatabase("end-sudo.ts", [account.email]);

  await page.goto("/settings/two-factor");
  await page.getByRole("link", { name: "Confirm your password to add or remove passkeys" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm with a passkey" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByLabel("Name of the passkey")).toBeVisible();
  await page.goto("/settings/security-log");
  await expect(page.getByRole("main")).toContainText("Identity confirmed for a security change");
});

test("an admin confirms an action on another account with their own passkey", async ({ browser }) => {
  const user = createAccount();
  const admin = createAccount({ role: "admin" });
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  await holdAutofill(adminContext);
  const adminPage = await adminContext.newPage();
  await addPasskeyAuthenticator(adminPage);
  await signIn(adminPage, admin);
  await addPasskey(adminPage, admin, "Admin laptop");

  await adminPage.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Administration" }).click();
  await adminPage.getByLabel("Search by email or username").fill(user.username);
  await adminPage.getByRole("button", { name: "Search" }).click();
  await adminPage.getByRole("link", { name: `@${user.username}` }).click();
  const reset = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Send password reset with a passkey" }) });
  await expect(reset.getByLabel("Your authentication code")).toHaveCount(0);
  await reset.getByRole("button", { name: "Send password reset with a passkey" }).click();
  await expect(reset.getByRole("status")).toContainText("A password reset link was sent to the user.");
  await waitForEmail(user.email, /Reset your/);
  await adminContext.close();
});

test("a passkey's signature for another site (RP id) is refused; the same signature for this site signs in", async ({ page, browser }) => {
  const account = createAccount();
  const passkeys = await addPasskeyAuthenticator(page);
  await signIn(page, account);
  await addPasskey(page, account, "Phone");
  await signOut(page);

  const forger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  await holdAutofill(forger);
  await signAsAnotherSite(forger, passkeys, "evil.example");
  const other = await forger.newPage();
  await other.goto("/auth/sign-in");
  await passkeyButton(other).click();
  await expect(passkeyProblem(other)).toContainText("That passkey was not accepted");
  await forger.close();

  // The control: the very same forging client, claiming this site's RP id, is let in.
  const control = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  await holdAutofill(control);
  await signAsAnotherSite(control, passkeys, new URL(page.url()).hostname);
  const same = await control.newPage();
  await same.goto("/auth/sign-in");
  await passkeyButton(same).click();
  await expectSignedInWithPasskey(same);
  await control.close();
});

test("turning 2FA off says passkeys stay, and keeps them; a passkey answers the second step meanwhile", async ({ page }) => {
  const account = createAccount();
  await addPasskeyAuthenticator(page);
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  await addPasskey(page, account, "Phone");

  // With 2FA on, the passkey serves as a security key at the second step.
  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  await page.goto("/settings/two-factor");
  await confirmPasswordIfAsked(page, account.password);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Turn off two-factor authentication" }) });
  await expect(panel).toContainText("Your passkeys stay");
  await page.getByLabel("Authentication code or backup code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Disable two-factor authentication" }).click();
  const question = page.getByRole("dialog");
  await expect(question).toContainText("Your passkey stays: it can still sign in without a password.");
  await question.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Two-factor authentication is off.");
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("Phone");

  await signOut(page);
  await passkeyButton(page).click();
  await expectSignedInWithPasskey(page);
});
