import assert from "node:assert/strict";
import { test } from "node:test";
import { nextPathField, safeNextPath } from "@/lib/auth/next-path";

const DEFAULT = "/settings/account";
const APP = "https://accounts.example.com/sign-in";

test("a path on this site is kept, with its query", () => {
  assert.equal(safeNextPath("/settings/sessions"), "/settings/sessions");
  assert.equal(safeNextPath("/settings/sessions?tab=all#current"), "/settings/sessions?tab=all#current");
});

test("nothing, or an empty value, goes to the account page", () => {
  assert.equal(safeNextPath(undefined), DEFAULT);
  assert.equal(safeNextPath(""), DEFAULT);
  assert.equal(safeNextPath([]), DEFAULT);
});

test("a repeated parameter uses its first value only", () => {
  assert.equal(safeNextPath(["/settings/sessions", "//evil.com"]), "/settings/sessions");
  assert.equal(safeNextPath(["//evil.com", "/settings/sessions"]), DEFAULT);
});

test("another origin is never a destination", () => {
  const attempts = [
    "//evil.com",
    "https://evil.com",
    "http:evil.com",
    "javascript:alert(1)",
    "/\\evil.com",
    "\\\\evil.com",
    "evil.com",
    // Browsers drop tabs and newlines from URLs before parsing them: "/\t/evil.com" is "//evil.com".
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r\n\\evil.com",
  ];
  for (const attempt of attempts) {
    const next = safeNextPath(attempt);
    // What the browser would do with it, resolved against the app's own page.
    assert.equal(new URL(next, APP).origin, "https://accounts.example.com", `${JSON.stringify(attempt)} leads to ${next}`);
    assert.equal(next, DEFAULT, JSON.stringify(attempt));
  }
});

test("the next-path form field takes an ordinary path, or none, and refuses one past 2000 characters", () => {
  assert.equal(nextPathField.safeParse("/settings").success, true);
  assert.equal(nextPathField.safeParse(undefined).success, true);
  const longest = "/" + "a".repeat(1999);
  assert.equal(longest.length, 2000);
  assert.equal(nextPathField.safeParse(longest).success, true);
  assert.equal(nextPathField.safeParse(longest + "a").success, false, "2001 characters");
});
