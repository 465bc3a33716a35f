import { expect, test } from "./support/fixtures";
import { ageSessions, createAccount, holdDatabaseLock, uniqueName } from "./support/accounts";
import { signIn } from "./support/sign-in";

// Each test holds the database's one write lock: they run one after the other.
test.describe.configure({ mode: "default" });

// A database that cannot take writes for a while (another process holding SQLite's lock longer than
// the app waits for it) is a fault on the server's side: the form says so and keeps what was typed,
// rather than an error page; once the database is back, the same form goes through.
test("a form sent while the database is stuck gets a message and keeps its input", async ({ page }) => {
  test.skip(JSON.parse(process.env.E2E_APP_ENV as string).DATABASE_URL !== undefined, "SQLite's lock is what is held here");
  const username = uniqueName("stuck");
  await page.goto("/auth/sign-up");
  await page.getByLabel("Email address").fill(`${username}@example.test`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill("a long and private passphrase");
  await page.getByLabel("Confirm password").fill("a long and private passphrase");

  const lock = await holdDatabaseLock(60);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText(
    "Something went wrong on our side. Please try again in a moment.",
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByLabel("Email address")).toHaveValue(`${username}@example.test`);
  await expect(page.getByLabel("Username")).toHaveValue(username);
  await page.screenshot({ path: "screenshots/desktop-server-fault.png", fullPage: true });
  await lock.release();

  await page.getByLabel("Password", { exact: true }).fill("a long and private passphrase");
  await page.getByLabel("Confirm password").fill("a long and private passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
});

// The check of the session is part of the form's action: when the database fails it (here the write
// that records the session's activity, due after a minute), the form says so as it does for any
// other fault on our side, rather than an error page.
test("a form behind a sign-in sent while the database is stuck gets the same message", async ({ page }) => {
  test.skip(JSON.parse(process.env.E2E_APP_ENV as string).DATABASE_URL !== undefined, "SQLite's lock is what is held here");
  const account = createAccount();
  await signIn(page, account);
  ageSessions(account.email, 0.01);
  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("a fresh and private passphrase");
  await page.getByLabel("Confirm new password").fill("a fresh and private passphrase");

  const lock = await holdDatabaseLock(60);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText(
    "Something went wrong on our side. Please try again in a moment.",
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByRole("button", { name: "Change password" })).toBeVisible();
  await lock.release();
});
