import { readFileSync } from "node:fs";
import { createAccount, enableAuthenticator } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { emailsTo, linkIn, waitForEmail } from "./support/mail";
import { chooseNewPassword, requestResetLink } from "./support/password-reset";
import { recordSecret } from "./support/secrets";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, readBackupCodes, signInWithPassword } from "./support/two-factor";

// Each test walks several accounts through a whole administration flow, with emails and sign-ins.
test.describe.configure({ timeout: 120_000 });

test("an admin regenerates a user's backup codes without seeing them; the user collects them by link @phone", async ({ page, browser }) => {
  const user = createAccount();
  await signIn(page, user);
  const { secret: userSecret, codes: oldCodes } = await enableTwoFactor(page, user);

  const admin = createAccount({ role: "admin" });
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  const { secret: adminSecret } = await enableTwoFactor(adminPage, admin);

  await adminPage.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Administration" }).click();
  await adminPage.getByLabel("Search by email or username").fill(user.username);
  await adminPage.getByRole("button", { name: "Search" }).click();
  await adminPage.getByRole("link", { name: `@${user.username}` }).click();
  await expect(adminPage.getByRole("heading", { name: `@${user.username}` })).toBeVisible();
  const regenerate = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Regenerate backup codes" }) });
  await regenerate.getByLabel("Your authentication code").fill("000000");
  await regenerate.getByRole("button", { name: "Regenerate backup codes" }).click();
  await expect(regenerate.locator("#regenerate-backup-codes-code-error")).toContainText("That code did not work");
  // The admin's own wrong code counts like any second factor: the admin is told.
  expect((await waitForEmail(admin.email, /Wrong second factor entered/)).text).toContain(
    "(authenticator app, to confirm an administrator action)",
  );
  await regenerate.getByLabel("Your authentication code").fill(codeAt(adminSecret, 1));
  await regenerate.getByRole("button", { name: "Regenerate backup codes" }).click();
  await expect(regenerate.getByRole("status")).toContainText("you will not see them");
  await adminPage.screenshot({ path: `screenshots/${test.info().project.name}-admin-user.png`, fullPage: true });
  expect(await adminPage.content()).not.toMatch(/[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}/);

  const mail = await waitForEmail(user.email, /backup codes are ready/);
  const link = linkIn(mail, "/auth/backup-codes");

  // The old codes stopped at once; the authenticator app still works.
  await signOut(page);
  await signInWithPassword(page, user);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(oldCodes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#code-error")).toContainText("That backup code did not work");
  await page.getByRole("link", { name: "Use your authenticator app" }).click();
  await page.getByLabel("Authentication code").fill(codeAt(userSecret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  await page.goto(link);
  await page.getByRole("button", { name: "Show my new backup codes" }).click();
  const fresh = await readBackupCodes(page);
  expect(fresh.some((code) => oldCodes.includes(code))).toBe(false);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
  // The file names whose codes they are above them (see backup-codes.spec.ts), then one code a line.
  const [heading, list] = readFileSync(await download.path(), "utf8").split("\n\n");
  expect(heading).toMatch(/^Keyring backup codes\nAccount: /);
  expect(list).toBe(`${fresh.join("\n")}\n`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Setup complete: your new backup codes are saved.");
  await expect(page.getByTestId("backup-codes-remaining")).toHaveText("10");
  await signOut(page);
  await signInWithPassword(page, user);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(fresh[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/notice=backup-code-used/);

  await page.goto(link);
  await page.getByRole("button", { name: "Show my new backup codes" }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("already shown once");

  await adminPage.goto("/admin/audit");
  await expect(
    adminPage
      .getByRole("list", { name: "Audit events" })
      .getByRole("listitem")
      .filter({ hasText: `New backup codes generated (sent to the user by email link) by an administrator · account @${user.username}` }),
  ).toHaveCount(1);
  await adminContext.close();
});

test("an admin cannot act without their own second factor, nor on another admin", async ({ page }) => {
  const admin = createAccount({ role: "admin" });
  const other = createAccount({ role: "admin" });
  const user = createAccount();
  await signIn(page, admin);
  const { id: userId } = await findByUsername(page, user.username);
  await page.goto(`/admin/users/${userId}`);
  await expect(page.getByText("Acting on other accounts needs a code from your own authenticator app")).toBeVisible();

  await enableTwoFactor(page, admin);
  const { id: otherId } = await findByUsername(page, other.username);
  await page.goto(`/admin/users/${otherId}`);
  await expect(page.getByText("You can only manage accounts with a lower role than yours.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable two-factor authentication" })).toHaveCount(0);
});

async function findByUsername(page: import("@playwright/test").Page, username: string): Promise<{ id: string }> {
  await page.goto(`/admin?q=${username}`);
  const href = await page.getByRole("link", { name: `@${username}` }).getAttribute("href");
  return { id: (href as string).split("/").pop() as string };
}

test("a signed-in user who is not staff gets 403 from every admin page and action, requested directly", async ({ page, browser }) => {
  const admin = createAccount({ role: "admin" });
  const victim = createAccount();
  await signIn(page, admin);
  const { secret } = await enableTwoFactor(page, admin);
  const { id: victimId } = await findByUsername(page, victim.username);

  // The admin's own request to an action, held back: its id and body are what an attacker would send.
  await page.goto(`/admin/users/${victimId}`);
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route(`**/admin/users/${victimId}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = { url: route.request().url(), headers: route.request().headers(), body: route.request().postDataBuffer() as Buffer };
    await route.abort();
  });
  const disable = page.locator("form", { has: page.getByRole("button", { name: "Change email address" }) });
  await disable.getByLabel("New email address").fill("taken-over@example.test");
  await disable.getByLabel("Your authentication code").fill(codeAt(secret, 1));
  await disable.getByRole("button", { name: "Change email address" }).click();
  await expect.poll(() => captured).toBeDefined();
  const { url, headers, body } = captured as NonNullable<typeof captured>;

  const outsider = createAccount();
  const outsiderContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const outsiderPage = await outsiderContext.newPage();
  await signIn(outsiderPage, outsider);
  for (const path of ["/admin", "/admin/audit", `/admin/users/${victimId}`, "/admin?q=a&page=2"]) {
    expect((await outsiderPage.request.get(path)).status(), path).toBe(403);
  }
  const { cookie: _adminCookie, ...withoutCookie } = headers;
  const replay = await outsiderPage.request.post(url, { headers: withoutCookie, data: body });
  expect(replay.status()).toBe(403);
  await outsiderContext.close();

  await page.goto(`/admin?q=${victim.username}`);
  await expect(page.getByRole("cell", { name: victim.email })).toBeVisible(); // unchanged
});

test("an admin's password reset reaches a user, but is refused for the owner and for the admin's own account", async ({
  page,
  browser,
}) => {
  const owner = createAccount({ role: "owner" });
  const admin = createAccount({ role: "admin" });
  const user = createAccount();
  const ownerContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const ownerPage = await ownerContext.newPage();
  const ownerLink = await requestResetLink(ownerPage, owner.email);

  await signIn(page, admin);
  // Turned on in the database, so that no code is spent yet: the three steps around now are all usable.
  const secret = enableAuthenticator(admin.email);
  const { id: userId } = await findByUsername(page, user.username);
  const { id: ownerId } = await findByUsername(page, owner.username);
  const { id: adminId } = await findByUsername(page, admin.username);

  await page.goto(`/admin/users/${adminId}`);
  const actions = page.locator("section", { has: page.getByRole("heading", { name: "Actions" }) });
  await expect(actions).toContainText("Change your own account in Preferences");
  await expect(actions.getByRole("link", { name: "Preferences" })).toHaveAttribute("href", "/settings/account");
  await expect(page.getByRole("button", { name: "Send password reset" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change email address" })).toHaveCount(0);

  // The admin's own request for the user, held back: the same action, replayed for other accounts.
  await page.goto(`/admin/users/${userId}`);
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route(`**/admin/users/${userId}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = {
      url: route.request().url(),
      headers: route.request().headers(),
      body: (route.request().postDataBuffer() as Buffer).toString("latin1"),
    };
    await route.abort();
  });
  const send = page.locator("form", { has: page.getByRole("button", { name: "Send password reset" }) });
  await send.getByLabel("Your authentication code").fill("000000");
  await send.getByRole("button", { name: "Send password reset" }).click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute(`**/admin/users/${userId}`);
  const { url, headers, body } = captured as NonNullable<typeof captured>;
  const { "content-length": _length, ...replayHeaders } = headers;
  const sendFor = async (targetId: string, code: string) => {
    const forged = body
      .replace(/(name="[^"]*userId"\r\n\r\n)[^\r]+/, `$1${targetId}`)
      .replace(/(name="[^"]*code"\r\n\r\n)[^\r]+/, `$1${code}`);
    expect(forged).toContain(targetId);
    const response = await page.request.post(url, { headers: replayHeaders, data: Buffer.from(forged, "latin1") });
    expect(response.status()).toBe(200);
    return response.text();
  };

  const toOwner = await sendFor(ownerId, codeAt(secret, -1));
  expect(toOwner).toContain("You can only manage accounts with a lower role than yours.");
  expect(toOwner).not.toContain("reset link was sent");
  const toSelf = await sendFor(adminId, codeAt(secret, 0));
  expect(toSelf).toContain("Change your own account in Preferences.");
  expect(toSelf).not.toContain("reset link was sent");

  await page.goto(`/admin/users/${userId}`);
  await send.getByLabel("Your authentication code").fill(codeAt(secret, 1));
  await send.getByRole("button", { name: "Send password reset" }).click();
  await expect(send.getByRole("status")).toHaveText("A password reset link was sent to the user.");
  const mail = await waitForEmail(user.email, /Reset your/);
  expect(mail.text).toMatch(/An administrator sent you this link/);
  expect(mail.text).toMatch(/From: an administrator, in the administration pages/);
  const userPage = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } })).newPage();
  await userPage.goto(linkIn(mail, "/auth/password/reset"));
  const chosen = "a password the user chose";
  recordSecret("password", chosen);
  await chooseNewPassword(userPage, chosen);
  await expect(userPage).toHaveURL(/\/auth\/sign-in\?notice=password-reset$/);

  // Mail goes out in the order it was queued: by now anything meant for the owner or the admin has arrived.
  expect((await emailsTo(owner.email)).filter((email) => /Reset your/.test(email.subject))).toHaveLength(1);
  expect((await emailsTo(admin.email)).filter((email) => /Reset your/.test(email.subject))).toHaveLength(0);
  await ownerPage.goto(ownerLink);
  recordSecret("password", "the owner's own new password");
  await chooseNewPassword(ownerPage, "the owner's own new password");
  await expect(ownerPage, "the owner's earlier link still works").toHaveURL(/\/auth\/sign-in\?notice=password-reset$/);

  await page.goto("/admin/audit");
  const rows = page.getByRole("list", { name: "Audit events" }).getByRole("listitem");
  await expect(
    rows
      .filter({ hasText: `Password reset requested by an administrator · account @${user.username}` })
      .filter({ hasText: `by @${admin.username}` }),
  ).toHaveCount(1);
  await expect(rows.filter({ hasText: `Password reset requested by an administrator · account @${owner.username}` })).toHaveCount(0);
  await ownerContext.close();
  await userPage.context().close();
});
