import { expect, randomAddress, test } from "./support/fixtures";
import { createAccount, uniqueName } from "./support/accounts";
import { emailsTo, linkIn, waitForEmail } from "./support/mail";

test("sign up, confirm by the emailed link, sign in, sign out @phone", async ({ page }) => {
  const username = uniqueName("new");
  const email = `${username}@example.test`;
  const password = "a long and private passphrase";

  await page.goto("/auth/sign-up");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // Not confirmed yet: the password is right, but the account cannot sign in.
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("Confirm your email address first");

  const confirmation = await waitForEmail(email, /Confirm your email address/);
  const link = linkIn(confirmation, "/auth/confirmation");
  expect(confirmation.html).toContain("Confirm email address");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=confirmed/);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your email address is confirmed");

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("main").getByText(`@${username}`)).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText("already been used");

  await page.goto("/settings/account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  expect((await emailsTo(email)).length).toBe(1);
});

test("bad input gets a message at its field and keeps what was typed", async ({ page }) => {
  const taken = createAccount();
  await page.goto("/auth/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter your email address.");
  await expect(page.locator("#username-error")).toHaveText("Choose a username.");
  await expect(page.locator("#password-error")).toHaveText("Enter a password.");

  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByLabel("Username").fill("bad name!");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com.");
  await expect(page.locator("#username-error")).toHaveText("Use only letters, numbers and underscores (_).");
  await expect(page.locator("#password-error")).toContainText("This password is too short (5 characters). Use at least 8.");
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-address");
  await expect(page.getByLabel("Username")).toHaveValue("bad name!");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-describedby", "email-error");

  const email = `${uniqueName()}@example.test`;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Username").fill(taken.username);
  await page.getByLabel("Password", { exact: true }).fill("é".repeat(37)); // 37 characters, 74 bytes
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("This password is too long (74 bytes). Use at most 72.");
  await expect(page.locator("#username-error")).toHaveCount(0);
  await passwordsCleared(page);

  await page.getByLabel("Password", { exact: true }).fill("password1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("too common");
  await passwordsCleared(page);

  await page.getByLabel("Password", { exact: true }).fill("a long and private passphrase");
  await page.getByLabel("Confirm password").fill("a long and private passphrasf");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#passwordConfirmation-error")).toHaveText("The two passwords do not match.");
  await passwordsCleared(page);

  await page.getByLabel("Password", { exact: true }).fill("a long and private passphrase");
  await page.getByLabel("Confirm password").fill("a long and private passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#username-error")).toHaveText("This username is taken. Try another.");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
});

test("trivial passwords are refused at the password field, whatever they look like", async ({ page }) => {
  const email = `${uniqueName()}@example.test`;
  await page.goto("/auth/sign-up");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Username").fill(uniqueName());
  for (const [password, message] of [
    ["abcabcab", "repeats a few characters"],
    ["hgfedcba", "a run of letters, digits or keys"],
    [" ".repeat(8), "only spaces"],
    ["ｐａｓｓｗｏｒｄ", "too common"], // full-width letters: "password" once normalised
  ] as const) {
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#password-error"), JSON.stringify(password)).toContainText(message);
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-describedby", /\bpassword-error\b/);
    await expect(page.getByLabel("Email address")).toHaveValue(email);
  }
  expect(await emailsTo(email), "no account was made").toEqual([]);
});

test("a taken email gets the same answer on the page, and its owner an email", async ({ page }) => {
  const owner = createAccount();
  await page.goto("/auth/sign-up");
  await page.getByLabel("Email address").fill(owner.email.toUpperCase());
  await page.getByLabel("Username").fill(uniqueName());
  await page.getByLabel("Password", { exact: true }).fill("another private passphrase");
  await page.getByLabel("Confirm password").fill("another private passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const notice = await waitForEmail(owner.email, /Sign-up attempt/);
  expect(notice.text).toContain("already belongs to your account");
});

test("a wrong password and an unknown address get the same message", async ({ page }) => {
  const account = createAccount();
  for (const [email, password] of [
    [account.email, "not the password"],
    [`${uniqueName()}@example.test`, account.password],
  ]) {
    await page.goto("/auth/sign-in");
    await page.getByLabel("Email address").fill(email as string);
    await page.getByLabel("Password").fill(password as string);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Invalid email or password.");
    await expect(page.getByLabel("Email address")).toHaveValue(email as string);
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
});

/** Fills in and sends the sign-up form; returns what the page then says, as a stranger would read it. */
async function signUpAnswer(page: import("@playwright/test").Page, fields: { email: string; username: string; password: string }) {
  await page.goto("/auth/sign-up");
  await page.getByLabel("Email address").fill(fields.email);
  await page.getByLabel("Username").fill(fields.username);
  await page.getByLabel("Password", { exact: true }).fill(fields.password);
  await page.getByLabel("Confirm password").fill(fields.password);
  const response = page.waitForResponse((answer) => answer.request().method() === "POST");
  await page.getByRole("button", { name: "Create account" }).click();
  const status = (await response).status();
  await expect(page.getByRole("heading", { name: "Check your inbox" }).or(page.locator("#username-error"))).toBeVisible();
  const main = (await page.getByRole("main").innerText()).replaceAll(fields.email, "EMAIL").replaceAll(fields.email.toLowerCase(), "EMAIL");
  return `${status} ${main}`;
}

test("a stranger sees one answer whether or not the address is registered, with a taken or a free username", async ({ page }) => {
  test.slow(); // nine sign-ups
  const confirmed = createAccount();
  const unconfirmed = createAccount({ confirmed: false });
  const holder = createAccount();
  const password = "a stranger's long passphrase";
  const addresses = [confirmed.email, unconfirmed.email, `${uniqueName("nobody")}@example.test`];

  const takenAnswers = new Set<string>();
  for (const email of addresses) takenAnswers.add(await signUpAnswer(page, { email, username: holder.username, password }));
  expect([...takenAnswers]).toHaveLength(1);
  expect([...takenAnswers][0]).toContain("This username is taken. Try another.");

  const freeAnswers = new Set<string>();
  const asked = addresses.map(() => uniqueName("free"));
  for (const [index, email] of addresses.entries())
    freeAnswers.add(await signUpAnswer(page, { email, username: asked[index] as string, password }));
  expect([...freeAnswers]).toHaveLength(1);
  expect([...freeAnswers][0]).toContain("Check your inbox");

  // The same usernames again, from another address: each is held by the sign-up before, whatever its address.
  const againAnswers = new Set<string>();
  for (const username of asked)
    againAnswers.add(await signUpAnswer(page, { email: `${uniqueName("prober")}@example.test`, username, password }));
  expect([...againAnswers]).toHaveLength(1);
  expect([...againAnswers][0]).toContain("This username is taken. Try another.");
});

test("an attacker who pre-registers the victim's address gets no way into the victim's account", async ({ page, browser }) => {
  const victimName = uniqueName("victim");
  const email = `${victimName}@example.test`;
  const attackerPassword = "the attacker's own passphrase";
  const victimPassword = "the victim's own passphrase";

  // The attacker signs up first with the victim's address.
  const attacker = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const attackerPage = await attacker.newPage();
  expect(await signUpAnswer(attackerPage, { email, username: uniqueName("squat"), password: attackerPassword })).toContain(
    "Check your inbox",
  );
  const attackerLink = linkIn(await waitForEmail(email, /Confirm your email address/), "/auth/confirmation");

  // The victim signs up later, with their own name and password, and confirms the link they receive.
  expect(await signUpAnswer(page, { email, username: victimName, password: victimPassword })).toContain("Check your inbox");
  await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(2);
  const victimMail = await waitForEmail(email, /Confirm your email address/);
  expect(victimMail.text).toContain(`Hello @${victimName},`);
  await page.goto(linkIn(victimMail, "/auth/confirmation"));
  await expect(page.getByRole("main")).toContainText(`@${victimName}`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(/\/auth\/sign-in\?notice=confirmed/);

  // The attacker's link died, and their password opens nothing.
  await attackerPage.goto(attackerLink);
  await expect(attackerPage.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText(/not valid|already been used/);
  await attackerPage.goto("/auth/sign-in");
  await attackerPage.getByLabel("Email address").fill(email);
  await attackerPage.getByLabel("Password").fill(attackerPassword);
  await attackerPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(attackerPage.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Invalid email or password.");
  await attacker.close();

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(victimPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole("main").getByText(`@${victimName}`)).toBeVisible();
});

/** A refused submit empties both password fields; typing before React has done so would be wiped. */
async function passwordsCleared(page: import("@playwright/test").Page) {
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Confirm password")).toHaveValue("");
}
