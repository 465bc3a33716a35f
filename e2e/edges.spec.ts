import { devices, type Page } from "@playwright/test";
import { connect } from "node:net";
import { createAccount } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { signIn, signOut } from "./support/sign-in";
import { enableTwoFactor, signInWithPassword, turnOnAuthenticator } from "./support/two-factor";

test("the server keeps an idle connection open for 65 s, longer than a reverse proxy keeps one (nginx, load balancers: 60 s)", async ({
  baseURL,
}) => {
  // Two requests on one connection, 6 s apart (Node's own default closes it after 5 s).
  const socket = connect({ host: "127.0.0.1", port: Number(new URL(baseURL as string).port) });
  let received = "";
  let closed = false;
  socket.setEncoding("latin1").on("data", (chunk: string) => (received += chunk));
  socket.on("close", () => (closed = true));
  const ask = () => socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
  const answers = () => received.match(/^HTTP\/1\.1 200/gm)?.length ?? 0;

  ask();
  await expect.poll(answers).toBe(1);
  expect(received).toMatch(/^Keep-Alive: timeout=65\r$/im);
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  expect(closed, "the server closed the idle connection").toBe(false);
  ask();
  await expect.poll(answers).toBe(2);
  socket.destroy();
});

/** Width and height of a PNG, from its header. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

test("the site has a favicon, an app icon and a web manifest", async ({ page, request }) => {
  await page.goto("/auth/sign-in");
  const href = (selector: string) => page.locator(selector).first().getAttribute("href");
  const icon = await href('link[rel="icon"][type="image/svg+xml"]');
  const appleIcon = await href('link[rel="apple-touch-icon"]');
  const manifestHref = await href('link[rel="manifest"]');
  expect([icon, appleIcon, manifestHref]).not.toContain(null);

  const svg = await request.get(icon as string);
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("<svg");
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  const apple = await request.get(appleIcon as string);
  expect(apple.headers()["content-type"]).toBe("image/png");
  expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });

  const manifestResponse = await request.get(manifestHref as string);
  expect(manifestResponse.status()).toBe(200);
  const manifest = await manifestResponse.json();
  expect(manifest.name).toBe("Keyring");
  expect(manifest.start_url).toBe("/");
  const sizes: string[] = [];
  for (const entry of manifest.icons as { src: string; sizes: string; type: string }[]) {
    const file = await request.get(entry.src);
    expect(file.status(), entry.src).toBe(200);
    if (entry.type === "image/png") {
      const { width, height } = pngSize(await file.body());
      expect(`${width}x${height}`).toBe(entry.sizes);
      sizes.push(entry.sizes);
    }
  }
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
});

test("a page that does not exist says so in the app's own frame, with a way back @phone", async ({ page }) => {
  const response = await page.goto("/settings/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Keyring" })).toBeVisible();
  await expect(page).toHaveTitle(/Keyring/);
  await page.screenshot({ path: `screenshots/${test.info().project.name}-not-found.png`, fullPage: true });
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in/);
});

test("times are shown in the reader's own zone, with its name, without a hydration error", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "America/New_York", extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  const account = createAccount();
  await signIn(page, account);
  await page.goto("/settings/security-log");
  const when = page.getByRole("list", { name: "Security events" }).getByRole("listitem").first().locator("time");
  // New York in winter is five hours behind UTC; en-GB names that zone "GMT-5" (EDT in summer: "GMT-4").
  await expect(when).toHaveText(/\d{2}:\d{2} GMT-[45]$/);
  const iso = (await when.getAttribute("datetime")) as string;
  const expected = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    timeZone: "America/New_York",
  }).format(new Date(iso));
  await expect(when).toHaveText(expected);
  await page.goto("/settings/account");
  await expect(page.getByRole("main")).not.toContainText("UTC");
  expect(errors.filter((text) => /hydrat/i.test(text))).toEqual([]);
  await context.close();
});

test("a sign-in with a backup code is one line in the security log", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { codes } = await enableTwoFactor(page, account);
  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(codes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/notice=backup-code-used/);
  await page.goto("/settings/security-log");
  const events = page.getByRole("list", { name: "Security events" }).getByRole("listitem");
  await expect(events.filter({ hasText: "Signed in (password and backup code)" })).toHaveCount(1);
  await expect(events.filter({ hasText: /backup code/i })).toHaveCount(1);
});

test("once two-factor authentication is on, the setup page no longer says to set it up", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await turnOnAuthenticator(page, account);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Save your backup codes");
  await expect(page).toHaveTitle(/^Save your backup codes/);
  await expect(page.getByRole("main").getByText("Set up an authenticator app")).toHaveCount(0);
});

test("on a phone, the admin tables scroll sideways, say so, and can be scrolled from the keyboard; the search field is dark in dark mode", async ({
  browser,
}) => {
  const context = await browser.newContext({ ...devices["Pixel 7"], extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const page: Page = await context.newPage();
  const admin = createAccount({ role: "admin" });
  await signIn(page, admin);
  await page.goto("/admin");
  const region = page.getByRole("region", { name: "Accounts table" });
  await expect(region).toBeVisible();
  expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expect(page.getByText("Scroll sideways to see every column")).toBeVisible();
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  await page.screenshot({ path: "screenshots/phone-admin-accounts.png", fullPage: true });

  // The admin, required to set up 2FA like all staff, is on the list of required accounts without it.
  await page.goto("/admin/two-factor");
  const required = page.getByRole("region", { name: "Required accounts without two-factor authentication" });
  await expect(required).toBeVisible();
  expect(await required.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expect(page.getByText("Scroll sideways to see every column")).toBeVisible();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "screenshots/phone-admin-two-factor-dark.png", fullPage: true });
  await page.goto("/admin");
  const search = page.getByLabel("Search by email or username");
  // Its own dark background, neither white nor the transparent one that showed the page through.
  expect(await search.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toMatch(
    /^rgba?\(0, 0, 0, 0\)$|^rgb\(255, 255, 255\)$/,
  );
  await page.screenshot({ path: "screenshots/phone-admin-accounts-dark.png", fullPage: true });
  await context.close();
});
