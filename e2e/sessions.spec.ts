import { expect, randomAddress, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
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
  const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() }, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36" });
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
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/settings\/account$/);
});
