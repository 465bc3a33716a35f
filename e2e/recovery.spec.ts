import type { Page } from "@playwright/test";
import { createAccount, enableAuthenticator } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { linkIn, waitForEmail } from "./support/mail";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { codeAt, signInWithPassword } from "./support/two-factor";

/**
 * Self-service recovery when every second factor is lost. Each test runs a server of its own with a
 * one-hour wait (SELF_SERVICE_RECOVERY_HOURS=1) and a clock it moves past it, as the attacker and
 * the owner would see it.
 */

test.slow();

type Account = { email: string; password: string; username: string };

async function withRecoveryServer(settings: Record<string, string>, run: (running: OwnServer) => Promise<void>) {
  const running = await startOwnServer({ SELF_SERVICE_RECOVERY_HOURS: "1", ...settings });
  try {
    await run(running);
  } finally {
    await running.stop();
  }
}

/** An account with its authenticator app on; returns the app's secret too. */
function accountWithAuthenticator(running: OwnServer, role: "user" | "admin" = "user"): Account & { secret: string } {
  const account = createAccount({ role }, running.env);
  return { ...account, secret: enableAuthenticator(account.email, running.env) };
}

/** With the password only: the second step's "Lost access" link starts a request. Returns the two links mailed to the owner. */
async function startRequest(page: Page, account: Account): Promise<{ finish: string; cancel: string }> {
  await signInWithPassword(page, account);
  await page.getByRole("link", { name: "Lost access to all your second factors?" }).click();
  await expect(page.getByRole("heading", { name: "Lost access to all your second factors?" })).toBeVisible();
  await page.getByRole("button", { name: "Start a recovery request" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery request is open" })).toBeVisible();
  const email = await waitForEmail(account.email, /^Recovery request for your Keyring account/);
  return { finish: linkIn(email, "/auth/recovery/finish"), cancel: linkIn(email, "/auth/recovery/cancel") };
}

const FINISH = "Turn off two-factor authentication and sign in";

test("a stolen password alone cannot finish: not before the wait, not without the emailed link; after it, the link and the password turn 2FA off and lead to setup @phone", async ({
  browser,
}) => {
  await withRecoveryServer({}, async (running) => {
    const owner = accountWithAuthenticator(running);
    const attacker = await running.newPage(browser);
    const { finish } = await startRequest(attacker, owner);
    await attacker.screenshot({ path: `screenshots/${test.info().project.name}-recovery-open.png`, fullPage: true });

    // Without the link: a guessed one does nothing.
    await attacker.goto("/auth/recovery/finish?token=" + "A".repeat(43));
    await expect(attacker.getByText("This link is not valid.")).toBeVisible();
    // With the link, before the wait is over.
    await signInWithPassword(attacker, owner);
    await attacker.goto(finish);
    await expect(attacker.getByText(/The wait is not over yet/)).toBeVisible();
    await expect(attacker.getByRole("button", { name: FINISH })).toHaveCount(0);

    running.moveClock(2 / 24);
    // The link without a sign-in with the password, in another browser.
    const linkOnly = await running.newPage(browser);
    await linkOnly.goto(finish);
    await expect(linkOnly.getByText(/Sign in with the account's email address and password first/)).toBeVisible();

    const user = await running.newPage(browser);
    await signInWithPassword(user, owner);
    await user.goto(finish);
    await user.screenshot({ path: `screenshots/${test.info().project.name}-recovery-finish.png`, fullPage: true });
    await user.getByRole("button", { name: FINISH }).click();
    await expect(user).toHaveURL(/\/settings\/two-factor$/);
    await waitForEmail(owner.email, /^Two-factor authentication is off/);
    // The link works once.
    await signInWithPasswordOnly(linkOnly, owner);
    await linkOnly.goto(finish);
    await expect(linkOnly.getByText(/This link no longer works/)).toBeVisible();
  });
});

/** After recovery the account has no second step: the password alone signs in. */
async function signInWithPasswordOnly(page: Page, account: Account) {
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/auth\/sign-in/);
}

test("the owner's cancel link stops it, and so does a sign-in with a second factor", async ({ browser }) => {
  await withRecoveryServer({}, async (running) => {
    const owner = accountWithAuthenticator(running);
    const attacker = await running.newPage(browser);
    const { finish, cancel } = await startRequest(attacker, owner);

    const ownerPage = await running.newPage(browser);
    await ownerPage.goto(cancel);
    await ownerPage.screenshot({ path: `screenshots/${test.info().project.name}-recovery-cancel.png`, fullPage: true });
    await ownerPage.getByRole("button", { name: "Cancel the recovery request" }).click();
    await expect(ownerPage.getByRole("heading", { name: "The recovery request is cancelled" })).toBeVisible();
    await waitForEmail(owner.email, /recovery request .* was cancelled/);

    running.moveClock(2 / 24);
    await signInWithPassword(attacker, owner);
    await attacker.goto(finish);
    await expect(attacker.getByText(/This link no longer works/)).toBeVisible();

    // A second request, ended by the owner signing in with the authenticator app.
    running.moveClock(0);
    const second = await startRequest(attacker, owner);
    await signInWithPassword(ownerPage, owner);
    await ownerPage.getByLabel("Authentication code").fill(codeAt(owner.secret));
    await ownerPage.getByRole("button", { name: "Verify" }).click();
    await expect(ownerPage).toHaveURL(/\/settings\/account$/);
    running.moveClock(2 / 24);
    await signInWithPassword(attacker, owner);
    await attacker.goto(second.finish);
    await expect(attacker.getByText(/This link no longer works/)).toBeVisible();
  });
});

test("an admin sees the request (who, when, from where); a wrong code at approval counts as a failure; approved finishes at once; denied never does", async ({
  browser,
}) => {
  await withRecoveryServer({}, async (running) => {
    const admin = accountWithAuthenticator(running, "admin");
    const approved = accountWithAuthenticator(running);
    const denied = accountWithAuthenticator(running);
    const attacker = await running.newPage(browser);
    const approvedLinks = await startRequest(attacker, approved);
    const other = await running.newPage(browser);
    const deniedLinks = await startRequest(other, denied);

    const adminPage = await running.newPage(browser);
    // Each code must come from a later time step than the one before (no replay): -1, 0, then +1.
    await signInWithPassword(adminPage, admin);
    await adminPage.getByLabel("Authentication code").fill(codeAt(admin.secret, -1));
    await adminPage.getByRole("button", { name: "Verify" }).click();
    await expect(adminPage).toHaveURL(/\/settings\/account$/);
    await adminPage.goto("/admin");
    await adminPage.getByRole("link", { name: /Recovery requests \(2 open\)/ }).click();
    const row = adminPage
      .getByTestId("recovery-requests")
      .getByRole("row")
      .filter({ hasText: `@${approved.username}` });
    await expect(row).toContainText("Chrome");
    await adminPage.screenshot({ path: `screenshots/${test.info().project.name}-admin-recovery.png`, fullPage: true });
    await row.getByRole("link", { name: `@${approved.username}` }).click();
    await expect(adminPage.getByTestId("recovery-request")).toContainText("IP address");

    const approve = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Approve the recovery request" }) });
    await approve.getByLabel("Your authentication code").fill(codeAt(admin.secret, 10));
    await approve.getByRole("button", { name: "Approve the recovery request" }).click();
    await expect(approve.getByText("That code did not work.")).toBeVisible();
    await waitForEmail(admin.email, /Wrong second factor entered/);
    await approve.getByLabel("Your authentication code").fill(codeAt(admin.secret));
    await approve.getByRole("button", { name: "Approve the recovery request" }).click();
    await expect(adminPage.getByTestId("recovery-request")).toContainText("Approved: the user can finish it now.");
    await waitForEmail(approved.email, /was approved/);

    // Approved: it finishes at once, without waiting.
    await signInWithPassword(attacker, approved);
    await attacker.goto(approvedLinks.finish);
    await attacker.getByRole("button", { name: FINISH }).click();
    await expect(attacker).toHaveURL(/\/settings\/two-factor$/);

    const deniedRow = await adminPage.goto("/admin/recovery").then(() =>
      adminPage
        .getByTestId("recovery-requests")
        .getByRole("row")
        .filter({ hasText: `@${denied.username}` }),
    );
    await deniedRow.getByRole("link", { name: `@${denied.username}` }).click();
    const deny = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Deny the recovery request" }) });
    await deny.getByLabel("Your authentication code").fill(codeAt(admin.secret, 1));
    await deny.getByRole("button", { name: "Deny the recovery request" }).click();
    await expect(adminPage.getByTestId("recovery-request")).toHaveCount(0);
    await waitForEmail(denied.email, /was denied/);

    running.moveClock(2 / 24);
    await signInWithPassword(other, denied);
    await other.goto(deniedLinks.finish);
    await expect(other.getByText(/This link no longer works/)).toBeVisible();
  });
});

test("SELF_SERVICE_RECOVERY=off: the second step has no recovery link, and the page refuses", async ({ browser }) => {
  await withRecoveryServer({ SELF_SERVICE_RECOVERY: "off" }, async (running) => {
    const owner = accountWithAuthenticator(running);
    const page = await running.newPage(browser);
    await signInWithPassword(page, owner);
    await expect(page.getByRole("link", { name: "Lost access to all your second factors?" })).toHaveCount(0);
    await page.goto("/auth/recovery");
    await expect(page.getByText(/This server does not offer self-service recovery/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Start a recovery request" })).toHaveCount(0);
  });
});
