import { createAccount } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { recordSecret } from "./support/secrets";
import { signIn } from "./support/sign-in";
import { codeAt } from "./support/two-factor";

test("setting up on the phone itself: copy the key, or open the authenticator app from a link @phone", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // What the page writes to the clipboard, kept as written: reading the clipboard back needs the
  // window's focus, which a browser among several running side by side does not always have.
  await page.addInitScript(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => {
      (window as unknown as { copiedText?: string }).copiedText = text;
      return write(text).catch(() => undefined);
    };
  });
  const account = createAccount();
  await signIn(page, account);
  await page.goto("/settings/two-factor/setup");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Confirm password" }).click();
  const secret = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  recordSecret("authenticator secret", secret);

  await page.getByRole("button", { name: "Copy setup key" }).click();
  await expect(page.getByRole("button", { name: "Copy setup key" })).toHaveText("Copied");
  expect(await page.evaluate(() => (window as unknown as { copiedText?: string }).copiedText)).toBe(secret);

  // Offered where a touch screen is the pointer (a phone or tablet), where scanning the page's own QR code is impossible.
  const open = page.getByRole("link", { name: "Open in authenticator app", includeHidden: true });
  if (test.info().project.name === "phone") await expect(open).toBeVisible();
  else await expect(open).toBeHidden();
  const uri = new URL((await open.getAttribute("href")) as string);
  expect(uri.protocol).toBe("otpauth:");
  expect(uri.host).toBe("totp");
  expect(uri.searchParams.get("secret")).toBe(secret);
  expect(uri.searchParams.get("issuer")).toBe("Keyring");
  expect(decodeURIComponent(uri.pathname)).toContain(account.email);
  // Not full-page: Chromium captures a full page as if with a mouse, which hides the touch-only link.
  if (test.info().project.name === "phone") await open.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-setup.png` });

  // The copied key works like the scanned one.
  await page.getByLabel("Authentication code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("list", { name: "Backup codes" })).toBeVisible();
});
