import assert from "node:assert/strict";
import { test } from "node:test";
import { contentSecurityPolicy, createNonce, pageSecurityHeaders } from "./headers";

const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)]));

test("scripts need this response's nonce; no inline script or eval outside development", () => {
  const scripts = directives(contentSecurityPolicy("abc", { production: true, development: false })).get("script-src") ?? [];
  assert.ok(scripts.includes("'nonce-abc'") && scripts.includes("'strict-dynamic'"));
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"));
  const development = directives(contentSecurityPolicy("abc", { production: false, development: true })).get("script-src") ?? [];
  assert.ok(development.includes("'unsafe-eval'"));
});

test("no framing, plugins, foreign base URL or foreign form target", () => {
  const policy = directives(contentSecurityPolicy("abc", { production: false, development: false }));
  assert.deepEqual(policy.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(policy.get("object-src"), ["'none'"]);
  assert.deepEqual(policy.get("base-uri"), ["'none'"]);
  assert.deepEqual(policy.get("form-action"), ["'self'"]);
  assert.deepEqual(policy.get("img-src"), ["'self'", "data:"]);
});

test("HSTS only in production mode", () => {
  assert.match(pageSecurityHeaders("abc", { production: true, development: false })["Strict-Transport-Security"] ?? "", /max-age=\d{8}/);
  assert.equal(pageSecurityHeaders("abc", { production: false, development: false })["Strict-Transport-Security"], undefined);
});

test("a nonce is 128 random bits, new each time", () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  assert.equal(nonces.size, 100);
  assert.equal(Buffer.from([...nonces][0] as string, "base64").length, 16);
});

test("the whole policy a browser receives, in production and elsewhere", () => {
  const common =
    "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  assert.deepEqual(pageSecurityHeaders("abc", { production: true, development: false }), {
    "Content-Security-Policy": `${common}; upgrade-insecure-requests`,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  });
  assert.deepEqual(pageSecurityHeaders("abc", { production: false, development: false }), { "Content-Security-Policy": common });
  assert.equal(
    contentSecurityPolicy("abc", { production: false, development: true }),
    common.replace("'strict-dynamic'", "'strict-dynamic' 'unsafe-eval'"),
  );
});
