import { createAccount } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { waitForEmail } from "./support/mail";
import { startOwnServer } from "./support/own-server";
import { addPasskey, addPasskeyAuthenticator, holdAutofill } from "./support/passkeys";
import { confirmPasswordIfAsked } from "./support/security-keys";
import { signIn } from "./support/sign-in";

test("passkeys turned off by the operator after one was added: it stays in view, and can be removed", async ({ browser }) => {
  test.slow(); // a server of its own, restarted once
  const running = await startOwnServer({ PASSKEYS: "allowed" });
  try {
    const account = createAccount({}, running.env);
    const page = await running.newPage(browser);
    await holdAutofill(page.context());
    await addPasskeyAuthenticator(page);
    await signIn(page, account);
    await addPasskey(page, account, "Old phone");

    running.env.PASSKEYS = "forbidden";
    await running.restart();
    await page.goto("/settings/two-factor");
    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Passkeys" }) });
    await expect(panel).toContainText("This server no longer takes new passkeys");
    await expect(panel.getByRole("list", { name: "Your passkeys" })).toContainText("Old phone");
    await expect(panel.getByLabel("Name of the passkey")).toHaveCount(0);
    for (const [size, scheme] of [
      [{ width: 1280, height: 900 }, "light"],
      [{ width: 412, height: 915 }, "dark"],
    ] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      await panel.screenshot({ path: `screenshots/passkeys-forbidden-${size.width}-${scheme}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await confirmPasswordIfAsked(page, account.password);
    await panel.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove passkey" }).click();
    // With none left, the panel has nothing to show on a server that takes no passkeys; the email says it.
    await expect(page.getByRole("heading", { name: "Passkeys" })).toHaveCount(0);
    expect((await waitForEmail(account.email, /A passkey was removed/)).text).toContain("“Old phone”");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Passkeys" })).toHaveCount(0);
  } finally {
    await running.stop();
  }
});
