import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

/**
 * Playwright's own Chromium where it is installed (a developer laptop); otherwise the system's
 * (Debian's `chromium` package, as on CI, where Playwright cannot download a browser).
 */
export function browserLaunchOptions() {
  if (existsSync(chromium.executablePath())) return {};
  return {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  };
}
