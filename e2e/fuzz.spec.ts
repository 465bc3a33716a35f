import type { APIRequestContext, APIResponse, BrowserContext } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { formsIn, multipart, type ServedForm } from "./support/forms";
import { linkIn, waitForEmail } from "./support/mail";
import { requestResetLink } from "./support/password-reset";
import { signIn } from "./support/sign-in";
import { enableTwoFactor, signInWithPassword } from "./support/two-factor";

/**
 * Bad input, as an attacker sends it: every server-action form of every page and every route handler
 * gets random and hostile values (huge strings, unicode, NUL bytes, fields sent twice, missing fields,
 * bodies of the wrong type, mangled action envelopes). Whatever comes back must be a 2xx, 3xx or 4xx
 * without a stack trace or a path of the server's. Prints what it sent.
 */

const HOSTILE: string[] = [
  "",
  " ",
  "a".repeat(100_000),
  "𝕳𝖊𝖑𝖑𝖔 ☃ \u202Eevil\u202C Zalgo: Z̷̢a̶l̵g̸o̴",
  "\u0000",
  "abc\u0000def@example.com",
  "\uD800",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}#{7*7}",
  "../../../../etc/passwd",
  "%00%ff%c0%af",
  "1e309",
  "-1",
  "null",
  "[]",
  '{"__proto__":{"admin":true}}',
  "\r\nSet-Cookie: injected=1",
  "😀".repeat(2_000),
  "a@b.c".repeat(500),
  "$K1",
  "$@1",
  "//evil.example/path",
  "javascript:alert(1)",
];

/** Signs of an unhandled error in a response: a stack frame, the server's files, an error's own name. */
const LEAKS = [
  /\n\s*at [\w$.<>[\] ]+ \(.*:\d+:\d+\)/,
  /\bat (?:file:|node:)/,
  /node_modules\//,
  /webpack-internal/,
  new RegExp(escape(process.cwd())),
  /prisma\/generated/,
  /\bPrisma(?:Client)?[A-Z]\w*Error\b/,
];

/** Percent-encoded; a lone surrogate, which has no UTF-8 form, goes as the invalid bytes a browser would never send. */
function queryValue(value: string) {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type Tally = { requests: number; byStatus: Map<number, number>; failures: string[] };

async function send(
  tally: Tally,
  request: APIRequestContext,
  label: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; data?: string | Buffer } = {},
) {
  let response: APIResponse;
  try {
    response = await request.fetch(url, {
      method: options.method ?? "POST",
      headers: { origin: new URL(url, test.info().project.use.baseURL).origin, "x-forwarded-for": randomAddress(), ...options.headers },
      data: options.data,
      maxRedirects: 0,
      failOnStatusCode: false,
      timeout: 30_000,
    });
  } catch (error) {
    tally.failures.push(`${label}: no answer (${(error as Error).message.split("\n")[0]})`);
    return;
  }
  tally.requests++;
  tally.byStatus.set(response.status(), (tally.byStatus.get(response.status()) ?? 0) + 1);
  const body = await response.text();
  if (response.status() >= 500) tally.failures.push(`${label}: HTTP ${response.status()}`);
  const leak = LEAKS.find((pattern) => pattern.test(body));
  if (leak) tally.failures.push(`${label}: response shows ${leak} (HTTP ${response.status()})`);
}

/** Every way of sending `values` to one form's server action. */
async function attackForm(tally: Tally, request: APIRequestContext, page: string, form: ServedForm) {
  const label = (how: string) => `${page} [${form.fields.join(",") || "no fields"}] ${how}`;
  const everyField = [...form.fields, ...form.hidden.map(([name]) => name)];
  const post = (how: string, entries: ([string, string] | [string, string, string])[]) => {
    const { body, contentType } = multipart([...form.actionFields, ...entries]);
    return send(tally, request, label(how), page, { headers: { "content-type": contentType }, data: body });
  };
  const callAction = (how: string, body: string) =>
    send(tally, request, label(how), page, {
      headers: { "next-action": form.actionId ?? "", "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: body,
    });

  await post("as served", [...form.hidden, ...form.fields.map((name): [string, string] => [name, "x"])]);
  await post("every field missing", []);
  for (const [index, value] of HOSTILE.entries()) {
    const how = `hostile value #${index}`;
    await post(
      `${how} in every field`,
      everyField.map((name) => [name, value]),
    );
    await post(
      `${how} sent twice per field`,
      everyField.flatMap((name): [string, string][] => [
        [name, value],
        [name, "x"],
      ]),
    );
    await callAction(
      `${how} as the state and as a field object`,
      JSON.stringify([{ status: value }, Object.fromEntries(everyField.map((name) => [name, value]))]),
    );
  }
  for (const body of [
    "[]",
    '[{"status":"idle"}]',
    "[null,null]",
    '[{"status":"idle"},[1,2,3]]',
    '[{"status":"idle"},"a string"]',
    '["$K1","$K1","$K1"]',
    "{}",
    "7",
    "not json",
    "[".repeat(10_000),
  ]) {
    await callAction(`action arguments ${body.slice(0, 30)}`, body);
  }
  for (const [contentType, body] of [
    ["application/json", JSON.stringify(Object.fromEntries(everyField.map((name) => [name, ["array", "instead", "of", "string"]])))],
    ["application/x-www-form-urlencoded", everyField.map((name) => `${name}=%00&${name}[]=1`).join("&")],
    ["text/xml", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"],
    ["multipart/form-data; boundary=broken", '--broken\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'],
    ["multipart/form-data", "no boundary at all"],
  ] as const) {
    await send(tally, request, label(`as ${contentType}`), page, { headers: { "content-type": contentType }, data: body });
    await send(tally, request, label(`as ${contentType} to the action`), page, {
      headers: { "content-type": contentType, "next-action": form.actionId ?? "" },
      data: body,
    });
  }
  const [[refName] = ["$ACTION_REF_1"]] = form.actionFields;
  await post("an unknown action", [
    [refName, ""],
    ["$ACTION_1:0", '{"id":"00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff","bound":null}'],
  ]);
  await post("a mangled action state", [
    ...form.actionFields.map(([name, value]): [string, string] => [name, name.endsWith(":1") ? value.slice(0, -3) : value]),
  ]);
  await post("the action's arguments as a file", [
    ...form.actionFields.map(([name, value]): [string, string] | [string, string, string] =>
      name.endsWith(":1") ? [name, value, "state.json"] : [name, value],
    ),
  ]);
  const huge = multipart([...form.actionFields, ["x", "a".repeat(2_000_000)]]);
  await send(tally, request, label("2 MB"), page, { headers: { "content-type": huge.contentType }, data: huge.body });
}

async function attackPages(tally: Tally, context: BrowserContext, pages: string[]) {
  let forms = 0;
  for (const page of pages) {
    const response = await context.request.get(page, { headers: { "x-forwarded-for": randomAddress() } });
    expect(response.status(), page).toBeLessThan(500);
    const served = formsIn(await response.text());
    expect(served.length, `${page} has a server-action form`).toBeGreaterThan(0);
    for (const form of served) await attackForm(tally, context.request, page, form);
    forms += served.length;
  }
  return forms;
}

test("hostile input to every form and route handler: no 5xx, no stack trace", async ({ browser, page }) => {
  test.setTimeout(15 * 60_000);
  const tally: Tally = { requests: 0, byStatus: new Map(), failures: [] };
  let forms = 0;

  // Real links, so that their pages show their forms.
  const unconfirmed = createAccount({ confirmed: false });
  const confirmationLink = linkIn(await waitForEmail(unconfirmed.email, /Confirm your email address/), "/auth/confirmation");
  const resetLink = await requestResetLink(await (await browser.newContext()).newPage(), createAccount().email);
  const relative = (link: string) => link.slice(new URL(link).origin.length);

  const anonymous = await browser.newContext();
  forms += await attackPages(tally, anonymous, [
    "/auth/sign-in",
    "/auth/sign-up",
    "/auth/password/new",
    relative(resetLink),
    relative(confirmationLink),
    "/auth/confirmation/new",
  ]);

  // Signed in with two-factor authentication on and in sudo mode: the Preferences forms.
  const account = createAccount();
  await signIn(await (await browser.newContext()).newPage(), account); // another session, for the Sessions page's forms
  await signIn(page, account);
  await enableTwoFactor(page, account);
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: "Turn on codes by email" }).click();
  await page.getByRole("button", { name: "Turn off codes by email" }).waitFor();
  forms += await attackPages(tally, page.context(), [
    "/settings/account",
    "/settings/account/email",
    "/settings/confirm-password",
    "/settings/sessions",
    "/settings/two-factor",
    "/settings/two-factor/backup-codes",
  ]);

  // Between the password and the second step.
  const pending = await browser.newContext();
  await signInWithPassword(await pending.newPage(), account);
  forms += await attackPages(tally, pending, [
    "/auth/two-factor",
    "/auth/two-factor?method=backup-code",
    "/auth/two-factor?method=email-code",
  ]);

  // An admin looking at another account.
  const admin = createAccount({ role: "admin" });
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await enableTwoFactor(adminPage, admin); // the actions on another account are shown to admins with 2FA only
  await adminPage.goto(`/admin?q=${encodeURIComponent(account.username)}`);
  await adminPage.getByRole("link", { name: account.username }).first().click();
  await adminPage.waitForURL(/\/admin\/users\//);
  forms += await attackPages(tally, adminPage.context(), [new URL(adminPage.url()).pathname]);

  // Route handlers and pages, with hostile query strings and bodies.
  const routes = [
    "/api/health",
    "/auth/sign-in/passkey-options",
    ...[
      "session",
      "csrf",
      "providers",
      "signin",
      "signin/credentials",
      "callback/credentials",
      "signout",
      "_log",
      "error",
      "verify-request",
      "no-such-thing",
    ].map((name) => `/api/auth/${name}`),
  ];
  const pages = [
    "/",
    "/auth/sign-in",
    "/auth/two-factor",
    "/auth/password/reset",
    "/auth/confirmation",
    "/auth/backup-codes",
    "/settings/account",
    "/admin",
    "/admin/users/x",
    "/admin/audit",
    "/mailbox",
    "/no-such-page",
  ];
  for (const target of [...routes, ...pages]) {
    for (const [index, value] of HOSTILE.slice(0, 20).entries()) {
      const query =
        "?" + ["token", "next", "q", "page", "callbackUrl", "method", "notice"].map((name) => `${name}=${queryValue(value)}`).join("&");
      await send(tally, anonymous.request, `GET ${target} hostile query #${index}`, target + query, { method: "GET" });
      await send(tally, page.context().request, `GET ${target} signed in, hostile query #${index}`, target + query, { method: "GET" });
      if (target.startsWith("/admin"))
        await send(tally, adminPage.context().request, `GET ${target} as an admin, hostile query #${index}`, target + query, {
          method: "GET",
        });
    }
    for (const [contentType, body] of [
      ["application/json", JSON.stringify({ csrfToken: ["x"], callbackUrl: { a: 1 }, email: null })],
      ["application/x-www-form-urlencoded", "csrfToken=%00&callbackUrl=javascript:alert(1)&json=true&redirect=false"],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="csrfToken"\r\n\r\n\u0000\r\n--x--\r\n'],
      ["text/plain", HOSTILE[2] as string],
      ["application/octet-stream", "\u0000\u0001\u0002"],
    ] as const) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        await send(tally, anonymous.request, `${method} ${target} as ${contentType}`, target, {
          method,
          headers: { "content-type": contentType },
          data: body,
        });
      }
    }
  }

  const statuses = [...tally.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`)
    .join(" ");
  console.log(
    `Fuzz: ${forms} forms and ${routes.length + pages.length} routes and pages, ${tally.requests} requests; answers ${statuses}; ${tally.failures.length} problems`,
  );
  expect(tally.failures.slice(0, 30), `${tally.failures.length} problems`).toEqual([]);
});
