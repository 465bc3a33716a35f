import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { freePort } from "../../lib/test-support/cluster";
import { startAppServer, type AppServer } from "./app-server";
import { randomAddress } from "./fixtures";

const HOUR_SECONDS = 3600;

/** A server of a test's own: its settings, its own SQLite file, and a clock the test can move. */
export type OwnServer = { server: AppServer; env: Record<string, string>; moveClock: (hours: number) => void; stop: () => Promise<void> };

/**
 * Starts the built app on a fresh SQLite file with a test clock (TEST_CLOCK_FILE: seconds added to
 * the server's time) and the settings given, delivering mail to the shared SMTP server. Its moved
 * clock never reaches the shared server's accounts.
 */
export async function startOwnServer(settings: Record<string, string> = {}): Promise<OwnServer> {
  const root = mkdtempSync(path.join(tmpdir(), "keyring-own-"));
  const clock = path.join(root, "clock");
  const shared = JSON.parse(process.env.E2E_APP_ENV as string) as Record<string, string>;
  const env = {
    APP_MODE: "embedded",
    DATA_DIR: path.join(root, "data"),
    PORT: String(await freePort()),
    SMTP_URL: shared.SMTP_URL as string,
    BCRYPT_COST: "4",
    TRUST_PROXY: "true",
    TEST_CLOCK_FILE: clock,
    ...settings,
  };
  const server = await startAppServer(env);
  return {
    server,
    env,
    moveClock: (hours) => writeFileSync(clock, String(hours * HOUR_SECONDS)),
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A browser of its own on that server, from an address of its own. */
export async function pageOn(browser: Browser, running: OwnServer, options: { timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: running.server.url,
    extraHTTPHeaders: { "x-forwarded-for": randomAddress() },
    ...options,
  });
  return context.newPage();
}
