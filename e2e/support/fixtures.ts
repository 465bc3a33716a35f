import { test as base, expect } from "@playwright/test";
import { randomInt } from "node:crypto";

/**
 * Each test's browser comes from an address of its own, as different people would: the app runs
 * with TRUST_PROXY=true here and reads X-Forwarded-For, so the per-address rate limits of one test
 * do not spill into the next. Tests of those limits set the header themselves.
 */
export function randomAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": randomAddress() });
    await use(context);
  },
  // A failed test's page snapshot does not say where the page was; the log does, for the failure summary.
  page: async ({ page }, use, testInfo) => {
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) console.log(`Page at failure (${testInfo.title}): ${page.url()}`);
  },
});

export { expect };
