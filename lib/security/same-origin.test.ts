import assert from "node:assert/strict";
import { test } from "node:test";
import { isCrossSiteWrite } from "./same-origin";

const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });

test("a POST from the app's own origin passes", () => {
  assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example", origin: "https://keyring.example" })), false);
  assert.equal(isCrossSiteWrite(request("POST", { host: "localhost:3000", origin: "http://localhost:3000" })), false);
});

test("behind a proxy the forwarded host is the one compared", () => {
  const headers = { host: "10.0.0.5:3000", "x-forwarded-host": "keyring.example", origin: "https://keyring.example" };
  assert.equal(isCrossSiteWrite(request("POST", headers)), false);
});

test("a POST from another site, another port or a sandboxed frame is refused", () => {
  for (const origin of ["https://evil.example", "http://localhost:3001", "null", "https://keyring.example.evil.example"]) {
    assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example", origin })), true, origin);
  }
});

test("a malformed Origin is refused rather than passed on", () => {
  for (const origin of ["", "keyring.example", "javascript:alert(1)", "http://", "https://a b"]) {
    assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example", origin })), true, JSON.stringify(origin));
  }
});

test("the browser's own word that a request is cross-site is enough", () => {
  assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example", "sec-fetch-site": "cross-site" })), true);
});

test("reads are never refused, and a request without Origin goes on to the handler's checks", () => {
  assert.equal(isCrossSiteWrite(request("GET", { host: "keyring.example", origin: "https://evil.example" })), false);
  assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example" })), false);
});

test("only the first forwarded host counts, spaces around it aside, and its case does not matter", () => {
  const forwarded = (value: string, origin: string) =>
    isCrossSiteWrite(request("POST", { host: "10.0.0.5:3000", "x-forwarded-host": value, origin }));
  assert.equal(forwarded("keyring.example , proxy.internal", "https://keyring.example"), false);
  assert.equal(forwarded("Keyring.Example", "HTTPS://KEYRING.EXAMPLE"), false);
  assert.equal(forwarded("proxy.internal, keyring.example", "https://keyring.example"), true);
  assert.equal(isCrossSiteWrite(request("POST", { host: "Keyring.Example", origin: "https://keyring.example" })), false);
});

test("an Origin that only contains a web address, or a request with no host to compare with, is refused", () => {
  assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example", origin: "xhttps://keyring.example" })), true);
  assert.equal(isCrossSiteWrite(request("POST", { host: "keyring.example", origin: "web+https://keyring.example" })), true);
  assert.equal(isCrossSiteWrite(request("POST", { origin: "https://keyring.example" })), true);
  assert.equal(
    isCrossSiteWrite(request("POST", { host: "keyring.example", "x-forwarded-host": "", origin: "https://keyring.example" })),
    false,
  );
});

test("a method's case does not make it safe, and the browser's same-site word does not excuse a foreign Origin", () => {
  assert.equal(isCrossSiteWrite(request("get", { host: "keyring.example", origin: "https://evil.example" })), false);
  assert.equal(isCrossSiteWrite(request("post", { host: "keyring.example", origin: "https://evil.example" })), true);
  assert.equal(
    isCrossSiteWrite(request("POST", { host: "keyring.example", origin: "https://evil.example", "sec-fetch-site": "same-site" })),
    true,
  );
  for (const method of ["HEAD", "OPTIONS"]) {
    assert.equal(isCrossSiteWrite(request(method, { host: "keyring.example", "sec-fetch-site": "cross-site" })), false, method);
  }
});
