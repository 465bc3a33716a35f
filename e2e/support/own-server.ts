import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { freePort } from "../../lib/test-support/cluster";
import { startAppServer, type AppServer } from "./app-server";
import { randomAddress } from "./fixtures";

export type OwnServer = {
  server: AppServer;
  /** Its whole configuration: pass it to createAccount and the operator's commands to reach its database. */
  env: Record<string, string>;
  /** A page in a new browser context on this server, from an address of its own (rate limits stay per test). */
  newPage: (browser: Browser, options?: BrowserContextOptions) => Promise<Page>;
  /** Moves the server's clock this many days ahead of the real one (0 puts it back). */
  moveClock: (days: number) => void;
  /** Stops and starts the process again on the same data, as a deployment does. */
  restart: () => Promise<void>;
  /** Stops it and removes its data. */
  stop: () => Promise<void>;
};

/**
 * A server of its own, for a test that needs operator settings other than the shared server's (no
 * grace period, check-ups due after a second) or a clock it can move: embedded mode on a SQLite file
 * of its own (a moved clock must not reach the shared server's accounts), mail to the shared SMTP
 * server, and `settings` on top.
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
  const own: OwnServer = {
    server: await startAppServer(env),
    env,
    async newPage(browser, options = {}) {
      const context = await browser.newContext({
        baseURL: own.server.url,
        extraHTTPHeaders: { "x-forwarded-for": randomAddress() },
        ...options,
      });
      return context.newPage();
    },
    moveClock: (days) => writeFileSync(clock, String(days * 24 * 3600)),
    async restart() {
      await own.server.stop();
      own.server = await startAppServer(env);
    },
    async stop() {
      await own.server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return own;
}
