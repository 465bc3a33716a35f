import { generateSync } from "otplib";
import type { Stats } from "./stats";

export type LoadAccount = { email: string; password: string; totpSecret: string };

/** A flow step did not answer as a browser would expect: the message says what came back. */
export class FlowError extends Error {}

/** Signed in, the user was sent to the sign-in page: the session they had was not recognised. */
export class LostSession extends Error {}

const STEP_SECONDS = 30;
// Longer than a person would wait, shorter than a browser does: an answer this late counts as none.
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * One simulated user talking plain HTTP to the app, as the browser does with JavaScript off for the
 * forms: the server actions are posted as the forms' progressive-enhancement submissions (the hidden
 * `$ACTION_…` fields from the page, multipart), and the one-minute grant is exchanged for the session
 * cookie through next-auth's credentials endpoint, as the page's script does. Cookies are kept per
 * user; every request comes from the user's own address (X-Forwarded-For, trusted by the test proxy).
 */
export class BrowserSession {
  private cookies = new Map<string, string>();
  private lastTotpStep = 0;
  private static count = 0;
  private readonly id = BrowserSession.count++;

  constructor(
    private readonly baseUrl: string,
    private readonly address: string,
    private readonly stats: Stats,
  ) {}

  /** Password, then an authenticator code, then next-auth's exchange; ends on the account page. */
  async signIn(account: LoadAccount, totpStepUsedAtSetup: number): Promise<void> {
    this.lastTotpStep = Math.max(this.lastTotpStep, totpStepUsedAtSetup);
    const signInPage = await this.request("GET", "/auth/sign-in");
    expectStatus(signInPage, 200, "sign-in page");
    const afterPassword = await this.postForm("/auth/sign-in", await signInPage.text(), {
      email: account.email,
      password: account.password,
    });
    await afterPassword.arrayBuffer();
    if (afterPassword.status !== 303 || !afterPassword.headers.get("location")?.startsWith("/auth/two-factor")) {
      throw new FlowError(`password step answered ${afterPassword.status} ${afterPassword.headers.get("location") ?? ""}`);
    }
    const twoFactorPage = await this.request("GET", afterPassword.headers.get("location") as string);
    expectStatus(twoFactorPage, 200, "two-factor page");
    const code = await this.nextTotpCode(account.totpSecret);
    const afterCode = await this.postForm("/auth/two-factor", await twoFactorPage.text(), { code });
    const afterCodePage = await afterCode.text();
    expectStatus(afterCode, 200, "code step");
    if (!this.cookies.has("signin-grant")) throw new FlowError(`code step gave no grant: ${summary(afterCodePage)}`);

    const csrf = await this.csrfToken();
    const exchange = await this.request("POST", "/api/auth/callback/credentials", {
      body: new URLSearchParams({ csrfToken: csrf, json: "true" }),
    });
    expectStatus(exchange, 200, "session exchange");
    await exchange.arrayBuffer();
    await this.viewSignedIn("/settings/account");
  }

  /** A page only a signed-in user sees; being sent to sign in instead is a lost session. */
  async viewSignedIn(path: string): Promise<void> {
    const response = await this.request("GET", path);
    const location = response.headers.get("location") ?? "";
    await response.arrayBuffer();
    if (response.status >= 300 && response.status < 400 && location.includes("/auth/sign-in"))
      throw new LostSession(`${path} sent a signed-in user to ${location}`);
    expectStatus(response, 200, path);
  }

  /** next-auth's sign-out, then proof that the session is gone (the account page asks to sign in). */
  async signOut(): Promise<void> {
    const csrf = await this.csrfToken();
    const response = await this.request("POST", "/api/auth/signout", { body: new URLSearchParams({ csrfToken: csrf, json: "true" }) });
    expectStatus(response, 200, "sign-out");
    await response.arrayBuffer();
    const after = await this.request("GET", "/settings/account");
    await after.arrayBuffer();
    if (!(after.status >= 300 && after.status < 400 && (after.headers.get("location") ?? "").includes("/auth/sign-in"))) {
      throw new FlowError(`after sign-out the account page answered ${after.status}`);
    }
    this.cookies.clear();
  }

  /**
   * A code for the earliest step the app will still accept (one step either side of now) and has not
   * seen: each code works once, so a user signs in at most once per step; waits for the next step
   * when needed. A future step is used rather than a past one, so that time moving on never voids it.
   */
  private async nextTotpCode(secret: string): Promise<string> {
    let current = Math.floor(Date.now() / 1000 / STEP_SECONDS);
    if (this.lastTotpStep > current) {
      this.activity("waiting for the next code");
      await sleep(this.lastTotpStep * STEP_SECONDS * 1000 - Date.now() + 50);
      current = Math.floor(Date.now() / 1000 / STEP_SECONDS);
    }
    const step = Math.max(this.lastTotpStep + 1, current);
    this.lastTotpStep = step;
    return generateSync({ secret, epoch: step * STEP_SECONDS });
  }

  /** Opens the page at `path` and submits its form with `fields`, as a user would. */
  async submitForm(path: string, fields: Record<string, string>): Promise<Response> {
    const page = await this.request("GET", path);
    expectStatus(page, 200, path);
    return this.postForm(path, await page.text(), fields);
  }

  /** Says what this user is doing, for progress lines. */
  activity(description: string): void {
    this.stats.activities.set(this.id, description);
  }

  /** Forgets every cookie, as a new browser window would. */
  reset(): void {
    this.cookies.clear();
  }

  /** Whether signing in now would wait for the next authenticator step. */
  mustWaitForCode(): boolean {
    return this.lastTotpStep > Math.floor(Date.now() / 1000 / STEP_SECONDS);
  }

  private async csrfToken(): Promise<string> {
    const response = await this.request("GET", "/api/auth/csrf");
    expectStatus(response, 200, "csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** Submits the first form on `page` that carries a server action, with its hidden fields and `fields`. */
  private postForm(path: string, page: string, fields: Record<string, string>): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of hiddenActionFields(page)) form.append(name, value);
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return this.request("POST", path, { body: form });
  }

  async request(method: string, path: string, options: { body?: FormData | URLSearchParams } = {}): Promise<Response> {
    const started = performance.now();
    const headers: Record<string, string> = { "x-forwarded-for": this.address, "user-agent": "keyring-load-test" };
    if (method === "POST") headers.origin = new URL(this.baseUrl).origin;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    let response: Response;
    this.activity(`${method} ${path.split("?")[0]}`);
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: options.body,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      this.stats.recordFailure(method, path, performance.now() - started);
      throw error;
    }
    this.stats.record(method, path, response.status, performance.now() - started);
    this.activity(`reading ${method} ${path.split("?")[0]}`);
    this.keepCookies(response);
    return response;
  }

  private keepCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some(
        (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The hidden inputs of the first form that posts a server action (`$ACTION_…` fields). */
export function hiddenActionFields(page: string): [string, string][] {
  const form = page
    .split("<form")
    .slice(1)
    .find((part) => part.includes('name="$ACTION_'));
  if (!form) throw new FlowError(`no server-action form on the page: ${summary(page)}`);
  const fields: [string, string][] = [];
  for (const input of form.slice(0, form.indexOf("</form>")).matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) {
    fields.push([decodeEntities(input[1] as string), decodeEntities(input[2] ?? "")]);
  }
  return fields;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function expectStatus(response: Response, status: number, what: string): void {
  if (response.status !== status) throw new FlowError(`${what} answered ${response.status}, expected ${status}`);
}

function summary(page: string): string {
  return page
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));
}
