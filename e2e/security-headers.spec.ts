import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../lib/test-support/cluster";
import { createAccount, enableAuthenticator } from "./support/accounts";
import { startAppServer } from "./support/app-server";
import { expect, randomAddress, test } from "./support/fixtures";
import { formsIn, multipart, submitForm } from "./support/forms";
import { requestResetLink } from "./support/password-reset";
import { signIn, signOut } from "./support/sign-in";
import { codeAt, enableTwoFactor, signInWithPassword } from "./support/two-factor";

/** Reports every Content-Security-Policy violation the page meets, from its first script on. */
async function watchForViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI} on ${location.pathname}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function directives(policy: string | undefined): Map<string, string[]> {
  return new Map(
    (policy ?? "")
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name as string, values]),
  );
}

test("every page sends the security headers, with a new script nonce each time", async ({ request }) => {
  const pages = [
    "/auth/sign-in",
    "/auth/sign-up",
    "/auth/password/new",
    "/auth/password/reset?token=x",
    "/auth/confirmation/new",
    "/settings/account",
    "/api/health",
  ];
  const nonces = new Set<string>();
  for (const pagePath of pages) {
    const response = await request.get(pagePath, { maxRedirects: 0 });
    const headers = response.headers();
    const policy = directives(headers["content-security-policy"]);
    const scripts = policy.get("script-src") ?? [];
    expect(scripts, pagePath).toContain("'strict-dynamic'");
    expect(scripts.join(" "), pagePath).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    const nonce = scripts.find((source) => source.startsWith("'nonce-"));
    expect(nonce, pagePath).toBeTruthy();
    nonces.add(nonce as string);
    expect(policy.get("frame-ancestors"), pagePath).toEqual(["'none'"]);
    expect(policy.get("object-src"), pagePath).toEqual(["'none'"]);
    expect(policy.get("base-uri"), pagePath).toEqual(["'none'"]);
    expect(policy.get("form-action"), pagePath).toEqual(["'self'"]);
    expect(headers["x-content-type-options"], pagePath).toBe("nosniff");
    expect(headers["permissions-policy"], pagePath).toContain("publickey-credentials-get=(self)");
    expect(headers["permissions-policy"], pagePath).toContain("publickey-credentials-create=(self)");
    expect(headers["referrer-policy"], pagePath).toBe(pagePath.startsWith("/auth/") ? "no-referrer" : "same-origin");
    expect(headers["strict-transport-security"], "HSTS only in production mode").toBeUndefined();
  }
  expect(nonces.size).toBe(pages.length);
  const html = await (await request.get("/auth/sign-in")).text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag).toMatch(/ nonce="[^"]+"/);
});

test("no page breaks the Content-Security-Policy, and an injected script does not run", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const violations = await watchForViolations(page);
  for (const pagePath of ["/auth/sign-in", "/auth/sign-up", "/auth/password/new", "/auth/confirmation/new"]) {
    await page.goto(pagePath);
    await expect(page.getByRole("main")).toBeVisible();
  }
  const account = createAccount();
  await page.goto(await requestResetLink(page, account.email));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();

  await signIn(page, account); // scripts run: the session exchange is done by next-auth/react
  const { secret } = await enableTwoFactor(page, account); // the QR code is a data: image
  for (const pagePath of [
    "/settings/account",
    "/settings/two-factor",
    "/settings/two-factor/backup-codes",
    "/settings/sessions",
    "/settings/security-log",
  ]) {
    await page.goto(pagePath);
    await expect(page.getByRole("main")).toBeVisible();
  }
  await signOut(page);
  await signInWithPassword(page, account);
  await page.getByLabel("Authentication code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  const admin = createAccount({ role: "admin" });
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const adminPage = await adminContext.newPage();
  const adminViolations = await watchForViolations(adminPage);
  await signIn(adminPage, admin);
  for (const pagePath of ["/admin", "/admin/audit"]) {
    await adminPage.goto(pagePath);
    await expect(adminPage.getByRole("main")).toBeVisible();
  }
  expect([...violations, ...adminViolations]).toEqual([]);

  // What injected markup would meet (the usual XSS): an inline handler and a script without the nonce
  // are blocked, and reported.
  const ran = await page.evaluate(async () => {
    const markup = document.createElement("div");
    markup.innerHTML = '<img src="data:," onerror="window.injected = true">';
    document.body.append(markup);
    const frame = document.createElement("iframe");
    frame.srcdoc = "<script>parent.injected = true</script>";
    document.body.append(frame);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return Boolean((window as unknown as { injected?: boolean }).injected);
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});

test("a form posted from another site is refused and changes nothing", async ({ page, baseURL }) => {
  const account = createAccount();
  await signIn(page, account);
  const address = randomAddress();
  for (const origin of ["https://evil.example", "null"]) {
    const attempt = await submitForm(
      page.request,
      "/settings/account",
      {
        currentPassword: account.password,
        newPassword: "an attacker's choice of words",
        newPasswordConfirmation: "an attacker's choice of words",
      },
      { address, origin },
    );
    expect(attempt.status).toBe(403);
    expect(attempt.html).not.toContain("Your password was changed");
  }
  // The same form from the app's own origin reaches the action (which finds the confirmation missing or wrong, not the origin).
  const own = await submitForm(
    page.request,
    "/settings/account",
    { currentPassword: "not it", newPassword: "x", newPasswordConfirmation: "y" },
    { address, origin: baseURL },
  );
  expect(own.status).toBe(200);
  // Nothing changed: the old password still signs in.
  await page.context().clearCookies();
  await signIn(page, account);
});

test.describe("in production mode", () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let env: Record<string, string>;
  let root: string;

  test.beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "keyring-production-"));
    const port = String(await freePort());
    const embedded = JSON.parse(process.env.E2E_APP_ENV as string) as Record<string, string>;
    // Everything a production start requires. The app is reached over http on loopback, as behind a
    // TLS-terminating proxy; its public address (APP_URL) is https, which is what makes cookies Secure.
    env = {
      APP_MODE: "production",
      APP_URL: `https://localhost:${port}`,
      PORT: port,
      DATA_DIR: path.join(root, "data"),
      DATABASE_URL: `file:${path.join(root, "production.db")}`,
      SMTP_URL: embedded.SMTP_URL as string,
      MAIL_FROM: "Keyring <no-reply@example.test>",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      BCRYPT_COST: "4",
      TRUST_PROXY: "true",
    };
    server = await startAppServer(env);
  });

  test.afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test("HSTS is sent, and every cookie set through sign-in, 2FA and sign-out is HttpOnly, Secure and SameSite", async () => {
    const account = createAccount({}, env);
    const secret = enableAuthenticator(account.email, env);

    // A client speaking plain HTTP, keeping its cookies by hand, so that every Set-Cookie is seen as sent.
    const setCookies: string[] = [];
    const jar = new Map<string, string>();
    const address = randomAddress();
    const send = async (pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) => {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
      const body = typeof init.body === "string" ? init.body : init.body && new Uint8Array(init.body);
      const request = () =>
        fetch(`${server.url}${pathname}`, {
          ...init,
          body,
          redirect: "manual",
          headers: { "x-forwarded-for": address, ...(cookie ? { cookie } : {}), ...init.headers },
        });
      // A kept-alive connection the server closed while the test was busy elsewhere fails before the
      // request is sent (the server's 5 s idle timeout); a new connection is the one retry.
      const response = await request().catch((error: Error) =>
        /other side closed|ECONNRESET/.test(String(error.cause)) ? request() : Promise.reject(error),
      );
      for (const header of response.headers.getSetCookie()) {
        setCookies.push(header);
        const [name = "", value = ""] = (header.split(";")[0] as string).split(/=(.*)/s);
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const postForm = async (pathname: string, fields: Record<string, string>) => {
      const [form] = formsIn((await send(pathname)).text);
      if (!form) throw new Error(`No form on ${pathname}`);
      const { body, contentType } = multipart([...form.actionFields, ...form.hidden, ...Object.entries(fields)]);
      return send(pathname, { method: "POST", headers: { "content-type": contentType }, body });
    };
    const exchangeGrant = async () => {
      const { csrfToken } = JSON.parse((await send("/api/auth/csrf")).text) as { csrfToken: string };
      const body = new URLSearchParams({ csrfToken, callbackUrl: `${server.url}/settings/account`, json: "true" }).toString();
      return send("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    };

    const page = await send("/auth/sign-in");
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
    expect((await postForm("/auth/sign-in", { email: account.email, password: account.password })).status).toBe(303);
    await postForm("/auth/two-factor", { code: codeAt(secret) });
    await exchangeGrant();
    expect(jar.has("__Secure-next-auth.session-token")).toBe(true);
    const { csrfToken } = JSON.parse((await send("/api/auth/csrf")).text) as { csrfToken: string };
    await send("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
    expect(jar.has("__Secure-next-auth.session-token")).toBe(false);

    const cookies = setCookies.map((header) => {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      return { name: pair.split("=")[0] as string, attributes: attributes.map((attribute) => attribute.toLowerCase()) };
    });
    const names = new Set(cookies.map((cookie) => cookie.name));
    for (const expected of [
      "__Secure-pending-signin",
      "__Secure-signin-grant",
      "__Secure-next-auth.session-token",
      "__Host-next-auth.csrf-token",
    ]) {
      expect([...names]).toContain(expected);
    }
    for (const cookie of cookies) {
      expect(cookie.attributes, cookie.name).toContain("httponly");
      expect(cookie.attributes, cookie.name).toContain("secure");
      expect(
        cookie.attributes.some((attribute) => /^samesite=(lax|strict)$/.test(attribute)),
        `${cookie.name} SameSite`,
      ).toBe(true);
    }
    console.log(
      `Production mode: ${cookies.length} Set-Cookie headers for ${[...names].sort().join(", ")}; all HttpOnly, Secure, SameSite Lax or Strict`,
    );
  });
});
