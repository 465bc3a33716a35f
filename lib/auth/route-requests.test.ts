import assert from "node:assert/strict";
import { test } from "node:test";
import { refuseAuthRequest } from "@/lib/auth/route-requests";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { inRequest } from "@/lib/test-support/next-request";

freshDatabaseForEachFile();
process.env.APP_URL = "https://keyring.example";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
let nextAddress = 1;
/** A client of its own for each call, unless the test names one, so that the rate limit stays out of the way. */
const client = () => `198.51.100.${nextAddress++}`;

async function refusal(
  method: string,
  action: string,
  init: { query?: string; body?: string; headers?: Record<string, string>; ip?: string } = {},
) {
  const url = `https://keyring.example/api/auth/${action}${init.query ? `?${init.query}` : ""}`;
  const headers = { ...init.headers, "x-forwarded-for": init.ip ?? client() };
  const request = new Request(url, { method, headers, ...(method === "POST" && init.body !== undefined ? { body: init.body } : {}) });
  const { result } = await inRequest({ headers }, () => refuseAuthRequest(request, action.split("/")));
  if (!result) return null;
  return {
    status: result.status,
    error: ((await result.json()) as { error: string }).error,
    retryAfter: result.headers.get("retry-after"),
  };
}

test("only the five next-auth requests the pages make reach next-auth", async () => {
  for (const [method, action] of <[string, string][]>[
    ["GET", "csrf"],
    ["GET", "session"],
    ["POST", "callback/credentials"],
    ["POST", "signout"],
    ["POST", "_log"],
  ]) {
    assert.equal(await refusal(method, action, { headers: FORM }), null, `${method} ${action}`);
  }
  for (const [method, action] of <[string, string][]>[
    ["GET", "signin"],
    ["GET", "providers"],
    ["POST", "session"],
    ["GET", "callback/credentials"],
    ["POST", "signin/credentials"],
    ["GET", "signout"],
    ["POST", "csrf/x"],
  ]) {
    assert.deepEqual(
      await refusal(method, action, { headers: FORM }),
      { status: 404, error: "Not found", retryAfter: null },
      `${method} ${action}`,
    );
  }
});

test("a POST that is not a urlencoded form is refused with 415 before next-auth parses it", async () => {
  for (const type of [undefined, "application/json", "multipart/form-data; boundary=x", "text/plain"]) {
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    // Without a type, and without a body (a string body would be typed text/plain).
    assert.deepEqual(await refusal("POST", "signout", { headers, ...(type ? { body: "{}" } : {}) }), {
      status: 415,
      error: "Send this form as application/x-www-form-urlencoded.",
      retryAfter: null,
    });
  }
  assert.equal(await refusal("POST", "signout", { headers: { "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8" } }), null);
});

test("callbackUrl, in the query or the form, must be a page of this site", async () => {
  const own = ["/settings", "/", "https://keyring.example/settings", "http://keyring.example/"];
  const foreign = [
    "//evil.example/",
    "/\\evil.example",
    "https://evil.example/",
    "https://keyring.example.evil.example/",
    "javascript:alert(1)",
    "web+http://keyring.example/",
    "not a url",
    "ftp://keyring.example/",
  ];
  for (const url of own) {
    assert.equal(await refusal("GET", "csrf", { query: `callbackUrl=${encodeURIComponent(url)}` }), null, url);
    assert.equal(await refusal("POST", "signout", { headers: FORM, body: `callbackUrl=${encodeURIComponent(url)}` }), null, url);
  }
  const refused = { status: 400, error: "callbackUrl must be a page of this site.", retryAfter: null };
  for (const url of foreign) {
    assert.deepEqual(await refusal("GET", "csrf", { query: `callbackUrl=${encodeURIComponent(url)}` }), refused, url);
    assert.deepEqual(await refusal("POST", "signout", { headers: FORM, body: `callbackUrl=${encodeURIComponent(url)}` }), refused, url);
    assert.deepEqual(
      await refusal("GET", "session", { query: `callbackUrl=/settings&callbackUrl=${encodeURIComponent(url)}` }),
      refused,
      `a second ${url}`,
    );
  }
  // The host the browser used, as the same-origin check does.
  const viaHost = { headers: { ...FORM, host: "keyring.internal:3000" }, body: "callbackUrl=http%3A%2F%2Fkeyring.internal%3A3000%2F" };
  assert.equal(await refusal("POST", "signout", viaHost), null);
  const viaForwarded = {
    headers: { ...FORM, "x-forwarded-host": "id.example , other.example" },
    body: "callbackUrl=https%3A%2F%2Fid.example%2F",
  };
  assert.equal(await refusal("POST", "signout", viaForwarded), null);
  assert.deepEqual(await refusal("POST", "signout", { ...viaForwarded, body: "callbackUrl=https%3A%2F%2Fother.example%2F" }), refused);
});

test("one client may post to next-auth 60 times in 5 minutes; the 61st is refused with Retry-After", async () => {
  const ip = "203.0.113.7";
  for (let attempt = 1; attempt <= 60; attempt++) {
    assert.equal(await refusal("POST", "callback/credentials", { headers: FORM, ip }), null, `attempt ${attempt}`);
  }
  const limited = await refusal("POST", "callback/credentials", { headers: FORM, ip });
  assert.equal(limited?.status, 429);
  assert.equal(limited?.error, "Too many attempts. Try again later.");
  assert.ok(Number(limited?.retryAfter) > 0 && Number(limited?.retryAfter) <= 300, `Retry-After ${limited?.retryAfter}`);
  assert.equal(await refusal("GET", "csrf", { ip }), null, "reading is not limited");
  assert.equal(await refusal("POST", "signout", { headers: FORM }), null, "another client is not limited");
});
