import { expect, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
import { emailsTo, waitForEmail } from "./support/mail";
import { expectNoSecrets, expectWhenAndFrom } from "./support/security-emails";
import { recordSecret } from "./support/secrets";
import { addSecurityKey, confirmPasswordIfAsked, credentialsOn, plugInSecurityKey, unplugSecurityKey } from "./support/security-keys";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, signInWithPassword } from "./support/two-factor";

const keyProblem = (page: import("@playwright/test").Page) => page.getByRole("alert").filter({ hasText: /key/ });

test("a security key as the only second factor: add it, sign in with it, keep it until another factor exists @phone", async ({ page }) => {
  const account = createAccount();
  const key = await plugInSecurityKey(page);
  await signIn(page, account);

  // Adding a key asks for the password first, and a bad name is caught before the key is touched.
  await page.goto("/settings/two-factor");
  await expect(page.getByText("No security key yet.")).toBeVisible();
  await confirmPasswordIfAsked(page, account.password);
  await page.getByLabel("Name of the key").fill("   ");
  await page.getByRole("button", { name: "Add security key" }).click();
  await expect(page.locator("#name-error")).toContainText("Give this key a name");
  expect(await credentialsOn(key)).toHaveLength(0);

  const codes = await addSecurityKey(page, account, "Blue key");
  expect(codes).toHaveLength(10);
  expect(await credentialsOn(key)).toHaveLength(1);
  const keys = page.getByRole("list", { name: "Your security keys" });
  await expect(keys).toContainText("Blue key");
  await expect(keys).toContainText("never used");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-security-keys.png`, fullPage: true });
  const enabled = await waitForEmail(account.email, /Two-factor authentication is on/);
  expect(enabled.text).toContain("security key");

  // Sign out, then in: the second step offers the key first.
  await signOut(page);
  await signInWithPassword(page, account);
  await expect(page.getByRole("link", { name: "Use a backup code" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Use your authenticator app" })).toHaveCount(0);
  await page.screenshot({ path: `screenshots/${test.info().project.name}-security-key-sign-in.png`, fullPage: true });
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  await page.goto("/settings/security-log");
  await expect(page.getByRole("main")).toContainText("password and security key");
  await page.goto("/settings/two-factor");
  await expect(keys).toContainText("last used");

  // Renamed; then, as the only second factor, it cannot be removed on its own.
  await keys.getByLabel("New name for “Blue key”").fill("Blue key on my keyring");
  await keys.getByRole("button", { name: "Rename" }).click();
  await expect(keys.getByText("Blue key on my keyring", { exact: true })).toBeVisible();
  await confirmPasswordIfAsked(page, account.password);
  await keys.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove key" }).click();
  await expect(keys.getByRole("alert")).toContainText("This is your only second factor");
  await expect(keys).toContainText("Blue key on my keyring");

  // The same key again is refused by the browser; another key is added, and said so by email.
  await page.getByLabel("Name of the key").fill("Blue key again");
  await page.getByRole("button", { name: "Add security key" }).click();
  await expect(page.locator("#add-key-problem")).toHaveText("This key is already in your list.");
  await unplugSecurityKey(key);
  const spare = await plugInSecurityKey(page);
  expect(await addSecurityKey(page, account, "Spare key")).toBeNull();
  const added = await waitForEmail(account.email, /A security key was added/);
  expect(added.text).toContain("“Spare key”");

  // Beside another factor it can go; the backup codes made with the first key stay.
  await keys.getByRole("listitem").filter({ hasText: "Blue key on my keyring" }).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove key" }).click();
  await expect(keys).not.toContainText("Blue key on my keyring");
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
  const removed = await waitForEmail(account.email, /A security key was removed/);
  expect(removed.text).toContain("“Blue key on my keyring”");

  const secrets = [account.password, ...(codes ?? [])];
  for (const email of [enabled, added, removed]) {
    expectNoSecrets(email, secrets);
    expectWhenAndFrom(email, /.+ on .+, IP address [\d.]+/);
  }

  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await unplugSecurityKey(spare);
});

test("an authenticator app beside a key keeps the key's backup codes, and sign-in offers both", async ({ page }) => {
  const account = createAccount();
  const key = await plugInSecurityKey(page);
  await signIn(page, account);
  await addSecurityKey(page, account, "Blue key");
  await page.getByRole("link", { name: "Set up authenticator app" }).click();
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Your authenticator app is set up");
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
  expectNoSecrets(await waitForEmail(account.email, /An authenticator app was added/), [secret, codeAt(secret), account.password]);

  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Use your authenticator app" }).click();
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await unplugSecurityKey(key);
});

test("a key that is not registered, a cancelled ceremony and a replayed answer are refused", async ({ page }) => {
  const account = createAccount();
  const key = await plugInSecurityKey(page);
  await signIn(page, account);
  await addSecurityKey(page, account, "Registered key");
  const [registered] = await credentialsOn(key);
  if (!registered) throw new Error("The key holds no credential after registration");
  await signOut(page);

  // Another key, never registered: the browser finds nothing to sign with; no session, no 500.
  await unplugSecurityKey(key);
  const stranger = await plugInSecurityKey(page);
  await signInWithPassword(page, account);
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(keyProblem(page)).toContainText("The key did not answer");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-security-key-refused.png`, fullPage: true });
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  await unplugSecurityKey(stranger);

  // A copy of the key's id with another private key (what an attacker could make): the signature fails
  // on the server, and counts as a failed second factor.
  const forger = await plugInSecurityKey(page);
  await forger.cdp.send("WebAuthn.addCredential", {
    authenticatorId: forger.authenticatorId,
    credential: { ...registered, privateKey: await freshPrivateKey(page), signCount: 100 },
  });
  await signInWithPassword(page, account);
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(keyProblem(page)).toContainText("That security key was not accepted");
  await expect(keyProblem(page)).toContainText("4 tries left");
  await unplugSecurityKey(forger);

  // The real key signs in; its answer, captured on the way, is refused when sent again.
  const real = await plugInSecurityKey(page);
  await real.cdp.send("WebAuthn.addCredential", { authenticatorId: real.authenticatorId, credential: registered });
  let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
  page.on("request", (request) => {
    const body = request.postData();
    if (request.method() === "POST" && body?.includes("clientDataJSON"))
      captured = { url: request.url(), headers: request.headers(), body };
  });
  await page.goto(page.url());
  await page.getByRole("button", { name: "Use security key" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  expect(captured).not.toBeNull();
  await signOut(page);

  await signInWithPassword(page, account);
  const replay = captured as unknown as { url: string; headers: Record<string, string>; body: string };
  const answer = await page.request.post(replay.url, { headers: replay.headers, data: replay.body });
  expect(answer.status()).toBeLessThan(500);
  expect(await answer.text()).toContain("That security key was not accepted");
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  // Two refused answers, one email: failures are mailed at most once an hour.
  await waitForEmail(account.email, /Failed sign-in attempt/);
  expect((await emailsTo(account.email)).filter((email) => /Failed sign-in attempt/.test(email.subject))).toHaveLength(1);
});

/** A P-256 private key in PKCS#8, base64, as the DevTools protocol takes it. */
async function freshPrivateKey(page: import("@playwright/test").Page): Promise<string> {
  return page.evaluate(async () => {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
    const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
    return btoa(String.fromCharCode(...new Uint8Array(pkcs8)));
  });
}
