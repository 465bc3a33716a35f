import { defineConfig, devices } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { browserLaunchOptions } from "./e2e/support/browser";

const FREE_PORT = `const server = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(server.address().port); server.close(); });`;

// Chosen once in the runner process (the kernel's pick of a free port); workers inherit it through the environment.
process.env.E2E_PORT ??= execFileSync(process.execPath, ["-e", FREE_PORT], { encoding: "utf8" }).trim();

const FAULTS = /database-fault\.spec\.ts/;
// The second pass (E2E_CLUSTER=1: two instances on PostgreSQL behind a round-robin proxy) is about what
// the instances share: pending sign-ins, codes and their replay, key and passkey challenges, rate
// limits and failure counters, sessions and their revocation, links, and the outbox (each email sent
// once). It runs the specs of those flows; the others test one page's look, its words or hostile
// input, the same on any database, and run in the first pass only.
const CLUSTER_SPECS =
  /\/(two-factor|sessions|rate-limits|brute-force|email-codes|security-keys|passkeys|password-reset|backup-code-check|backup-codes|sudo|not-me|security-emails)\.spec\.ts$/;
const CLUSTER = process.env.E2E_CLUSTER === "1";

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  // On a loaded two-core machine, with two workers and the server sharing it, a step's answer has taken
  // more than Playwright's default 5 s (three sign-ins with bcrypt at once, then their session exchange).
  // What an assertion checks does not depend on how long it may wait for it.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${process.env.E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: browserLaunchOptions(),
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, ...(CLUSTER ? { testMatch: CLUSTER_SPECS } : { testIgnore: FAULTS }) },
    { name: "phone", use: { ...devices["Pixel 7"] }, grep: /@phone/, testIgnore: FAULTS },
    // Faults stall the whole app for a while, so they run alone, after everything else.
    { name: "faults", use: { ...devices["Desktop Chrome"] }, testMatch: FAULTS, dependencies: ["desktop", "phone"] },
  ],
});
