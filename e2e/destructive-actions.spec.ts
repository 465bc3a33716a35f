import type { Locator } from "@playwright/test";
import { createAccount, runWithAppDatabase } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { addSecurityKey, plugInSecurityKey, unplugSecurityKey } from "./support/security-keys";
import { signIn } from "./support/sign-in";
import { codeAt, enableTwoFactor } from "./support/two-factor";

/** One of the element's colours as [red, green, blue], whatever colour syntax the styles use. */
async function colour(element: Locator, property: "backgroundColor" | "color" = "backgroundColor"): Promise<number[]> {
  return element.evaluate((node, name) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.fillStyle = getComputedStyle(node)[name];
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, property);
}
const isRed = ([red, green, blue]: number[]) => (red as number) > 150 && (green as number) < 90 && (blue as number) < 90;

const securityState = (email: string) => JSON.parse(runWithAppDatabase("security-state.ts", [email]));

test("turning two-factor authentication off looks dangerous and asks first @phone", async ({ page }) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);

  const disable = page.getByRole("button", { name: "Disable two-factor authentication" });
  expect(isRed(await colour(disable)), "the disable button is red").toBe(true);
  expect(isRed(await colour(page.getByRole("link", { name: "Regenerate codes" }))), "ordinary buttons are not").toBe(false);

  await page.getByLabel("Authentication code or backup code").fill(codeAt(secret));
  await disable.click();
  const question = page.getByRole("dialog", { name: "Turn off two-factor authentication?" });
  await expect(question).toBeVisible();
  await expect(question).toContainText("password alone");
  await page.screenshot({ path: `screenshots/${test.info().project.name}-two-factor-disable-confirm.png`, fullPage: true });
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toBeHidden();
  await page.reload();
  await expect(page.getByText("On", { exact: true })).toBeVisible();
  expect(securityState(account.email).twoFactorEnabledAt).not.toBeNull();

  await page.getByLabel("Authentication code or backup code").fill(codeAt(secret, 1));
  await disable.click();
  await expect(isRed(await colour(question.getByRole("button", { name: "Yes, turn it off" })))).toBe(true);
  await question.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Two-factor authentication is off");
  expect(securityState(account.email).twoFactorEnabledAt).toBeNull();
});

test("removing a security key asks first, then says it was removed (and no longer that another was added)", async ({ page }) => {
  const account = createAccount();
  const first = await plugInSecurityKey(page);
  await signIn(page, account);
  await addSecurityKey(page, account, "Blue key");
  await unplugSecurityKey(first);
  await plugInSecurityKey(page);
  await addSecurityKey(page, account, "Spare key");
  const keys = page.getByRole("list", { name: "Your security keys" });
  const blue = keys.getByRole("listitem").filter({ hasText: "Blue key" });
  const remove = blue.getByRole("button", { name: "Remove “Blue key”" });
  expect(isRed(await colour(remove, "color")), "the remove button's text is red").toBe(true);

  await remove.click();
  const question = page.getByRole("dialog", { name: "Remove “Blue key”?" });
  await expect(question).toBeVisible();
  await page.screenshot({ path: `screenshots/${test.info().project.name}-security-key-remove-confirm.png`, fullPage: true });
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toBeHidden();
  await expect(keys).toContainText("Blue key");
  expect(securityState(account.email).securityKeys).toHaveLength(2);

  await remove.click();
  await question.getByRole("button", { name: "Remove key" }).click();
  await expect(page.getByText("“Blue key” was removed.")).toBeVisible();
  await expect(keys).not.toContainText("Blue key");
  await expect(page.getByText("“Spare key” was added.")).toHaveCount(0);
  expect(securityState(account.email).securityKeys.map((key: string) => key.replace(/^\S+ /, ""))).toEqual(["Spare key"]);
  await page.screenshot({ path: `screenshots/${test.info().project.name}-security-key-removed.png`, fullPage: true });
});
