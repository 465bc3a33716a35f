import assert from "node:assert/strict";
import { test } from "node:test";
import { describeBrowser } from "@/lib/display/browser";

const CHROME_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
const EDGE_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";
const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36";

test("names the browser with its major version and the system", () => {
  assert.equal(describeBrowser(CHROME_ANDROID), "Chrome 120 on Android 14");
  assert.equal(describeBrowser(FIREFOX_WINDOWS), "Firefox 121 on Windows 10");
  assert.equal(describeBrowser(SAFARI_IPHONE), "Safari 17 on iOS 17.2");
});

test("tells Edge from the Chrome it is built on", () => {
  assert.equal(describeBrowser(EDGE_WINDOWS), "Microsoft Edge 120 on Windows 10");
});

test("a system without a version is named alone", () => {
  assert.equal(describeBrowser(CHROME_LINUX), "Chrome 121 on Linux");
});

test("a missing or unrecognisable user agent is an unknown browser", () => {
  assert.equal(describeBrowser(null), "Unknown browser");
  assert.equal(describeBrowser(""), "Unknown browser");
  assert.equal(describeBrowser("garbage"), "Unknown browser");
});
