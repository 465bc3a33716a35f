import { expect, randomAddress, test } from "./support/fixtures";
import { ageSessions, createAccount } from "./support/accounts";
import { signIn } from "./support/sign-in";

test("the session cookie is HttpOnly, SameSite=Lax, and its secret never reaches the page", async ({ page, context }) => {
  await signIn(page, createAccount());
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(cookies.find((cookie) => cookie.name.endsWith("signin-grant"))?.path ?? "/api/auth").toBe("/api/auth");

  const exposed = await page.evaluate(async () => ({
    session: await (await fetch("/api/auth/session")).text(),
    cookies: document.cookie,
    storage: JSON.stringify({ ...localStorage, ...sessionStorage }),
  }));
  expect(exposed.cookies).not.toContain("session-token");
  expect(exposed.session).not.toMatch(/sid|secret/i);
  expect(exposed.storage).toBe("{}");
});

test("signing out ends the session on the server: a copy of the cookie no longer works", async ({ page, context, browser }) => {
  await signIn(page, createAccount());
  const stolen = await context.storageState();

  const copy = await browser.newContext({ storageState: stolen, extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const copyPage = await copy.newPage();
  await copyPage.goto("/settings/account");
  await expect(copyPage.getByRole("heading", { name: "Account" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=signed-out/);

  await copyPage.goto("/settings/account");
  await expect(copyPage).toHaveURL(/\/auth\/sign-in/);
  await copy.close();
});

test("each sign-in gets a new session and both browsers are listed", async ({ page, browser }) => {
  const account = createAccount();
  await signIn(page, account);
  const other = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": randomAddress() },
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
  });
  const otherPage = await other.newPage();
  await signIn(otherPage, account);

  await page.goto("/settings/sessions");
  const rows = page.getByRole("main").getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Chrome 140 on Windows 10" })).toHaveCount(1);
  await other.close();
});

test("pages behind sign-in send strangers to the sign-in page", async ({ page }) => {
  for (const path of ["/settings/account", "/settings/two-factor", "/settings/sessions", "/admin"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/auth\/sign-in/);
  }
});

test("a user who is not an admin cannot open the administration", async ({ page }) => {
  await signIn(page, createAccount());
  await expect(page.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Administration" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
});

test("revoke another session: it is signed out at its very next click @phone", async ({ page, browser }) => {
  const account = createAccount();
  await signIn(page, account);
  const other = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": randomAddress() },
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  });
  const otherPage = await other.newPage();
  await signIn(otherPage, account);

  await page.goto("/settings/sessions");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-sessions-two.png`, fullPage: true });
  await page.getByRole("button", { name: "Sign out Safari 17 on macOS Catalina" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("That session is signed out.");
  await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(1);

  await otherPage.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Sessions" }).click();
  await expect(otherPage).toHaveURL(/\/auth\/sign-in/);
  await other.close();
});

test("sign out of all other sessions keeps this one", async ({ page, browser }) => {
  const account = createAccount();
  await signIn(page, account);
  const others = await Promise.all([0, 1].map(() => browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } })));
  const otherPages = await Promise.all(others.map((context) => context.newPage()));
  for (const otherPage of otherPages) await signIn(otherPage, account);

  await page.goto("/settings/sessions");
  await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("All other sessions are signed out.");
  await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(1);
  for (const otherPage of otherPages) {
    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/auth\/sign-in/);
  }
  await Promise.all(others.map((context) => context.close()));
});

test("a session idle for longer than the idle timeout is refused", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  ageSessions(account.email, 13);
  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  ageSessions(account.email, 15); // the default idle timeout is 14 days
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
});
