import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { describeSecurityEvent, securityEvent } from "@/lib/mail/security-event";

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const AT = new Date("2026-03-04T05:06:00Z");

before(() => {
  // layoutEmail reads the app's name from the configuration: an embedded set-up in a folder of its own.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "keyring-test-"));
});

test("a change by the account itself says when, with which browser and from which address", () => {
  const event = securityEvent("user-1", { actorId: "user-1", ip: "203.0.113.9", userAgent: FIREFOX_LINUX }, AT);
  assert.deepEqual(describeSecurityEvent(event), { when: "4 Mar 2026, 05:06 UTC", from: "Firefox 128 on Linux, IP address 203.0.113.9" });
});

test("a change by staff names who did it, not the staff member's address", () => {
  const byAdmin = securityEvent("user-1", { actorId: "admin-1", ip: "198.51.100.7", userAgent: FIREFOX_LINUX }, AT);
  assert.equal(byAdmin.by, "administrator");
  assert.equal(describeSecurityEvent(byAdmin).from, "an administrator, in the administration pages");
  const byOperator = securityEvent("user-1", { actorId: null, ip: null }, AT);
  assert.equal(describeSecurityEvent(byOperator).from, "the server's operator, at the command line");
});

test("a missing address or browser is said to be unknown", () => {
  const event = securityEvent("user-1", { actorId: "user-1", ip: "unknown", userAgent: null }, AT);
  assert.equal(describeSecurityEvent(event).from, "Unknown browser, an unknown IP address");
});

test("every security email shows the same When and From lines, in text and HTML, escaped", async () => {
  const { twoFactorDisabledEmail } = await import("@/lib/two-factor/emails");
  const { emailChangedEmail } = await import("@/lib/email-change/emails");
  const event = securityEvent("user-1", { actorId: "user-1", ip: "203.0.113.9", userAgent: FIREFOX_LINUX }, AT);
  for (const email of [
    twoFactorDisabledEmail({ username: "ada", event }),
    emailChangedEmail({ username: "ada", newEmail: "new@example.com", event }),
  ]) {
    assert.match(email.text, /\nWhen: 4 Mar 2026, 05:06 UTC\nFrom: Firefox 128 on Linux, IP address 203\.0\.113\.9\n/);
    assert.match(email.html, /When:<\/th><td[^>]*>4 Mar 2026, 05:06 UTC<\/td>/);
    assert.match(email.html, /From:<\/th><td[^>]*>Firefox 128 on Linux, IP address 203\.0\.113\.9<\/td>/);
  }
  const hostile = securityEvent("user-1", { actorId: "user-1", ip: "<script>", userAgent: null }, AT);
  assert.doesNotMatch(twoFactorDisabledEmail({ username: "ada", event: hostile }).html, /<script>/);
});
