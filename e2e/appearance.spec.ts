import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createAccount } from "./support/accounts";
import { signIn } from "./support/sign-in";

/** The lightness (0 to 100) of the page's background, as the browser computed it (lab() for Tailwind's oklch colours). */
async function pageLightness(page: Page): Promise<number> {
  const color = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  const lab = /^lab\(([\d.]+)/.exec(color);
  if (lab) return Number(lab[1]);
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return ((0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255) * 100;
}
const expectDark = (lightness: number) => expect(lightness).toBeLessThan(15);
const expectLight = (lightness: number) => expect(lightness).toBeGreaterThan(90);

test("the theme chosen in Preferences > Account is on <html> from the server, after a reload too", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  const appearance = page.getByRole("group", { name: "Theme" });
  await expect(appearance.getByLabel("System (follow this device)")).toBeChecked();

  await appearance.getByLabel("Dark").check();
  await page.getByRole("button", { name: "Save appearance" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Saved.");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("group", { name: "Theme" }).getByLabel("Dark")).toBeChecked();
  // Dark even where the browser asks for light: the account's choice wins.
  await page.emulateMedia({ colorScheme: "light" });
  expectDark(await pageLightness(page));

  // The server sends it in the page itself, before any script runs: no light flash before going dark.
  const html = await (await page.request.get("/settings/two-factor")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);

  await page.getByRole("group", { name: "Theme" }).getByLabel("Light").check();
  await page.getByRole("button", { name: "Save appearance" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  expectLight(await pageLightness(page));
});

test("System follows the browser's dark setting, signed in or out", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/auth/sign-in");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  expectDark(await pageLightness(page));

  const account = createAccount();
  await signIn(page, account);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  expectDark(await pageLightness(page));
  await page.emulateMedia({ colorScheme: "light" });
  expectLight(await pageLightness(page));
});
