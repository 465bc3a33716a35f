import { createAccount, secondFactorFigures, uniqueName } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { formsIn, submitForm } from "./support/forms";
import { linkIn, waitForEmail } from "./support/mail";
import { requestResetLink } from "./support/password-reset";
import { signIn, signOut } from "./support/sign-in";

/**
 * Limits per account hold whatever address the attempts come from: a new address for every
 * request, as a botnet would send them, and the attempt after the limit is refused with a message.
 */
const LIMITED = "Too many attempts. Try again in";

test("sign-up: one email address gets five tries an hour, from any number of addresses", async ({ request }) => {
  const email = `${uniqueName()}@example.test`;
  const answers: boolean[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const fields = {
      email,
      username: uniqueName(),
      password: "a long and unusual passphrase",
      passwordConfirmation: "a long and unusual passphrase",
    };
    const { status, html } = await submitForm(request, "/auth/sign-up", fields, { address: randomAddress() });
    expect(status).toBe(200);
    answers.push(html.includes(LIMITED));
  }
  expect(answers).toEqual([false, false, false, false, false, true]);
});

test("password reset and email confirmation links: ten tries an hour per link, from any number of addresses", async ({ request, page }) => {
  const unconfirmed = createAccount({ confirmed: false });
  const links = [
    await requestResetLink(page, createAccount().email),
    linkIn(await waitForEmail(unconfirmed.email, /Confirm your email address/), "/auth/confirmation"),
  ];
  for (const link of links) {
    // The form as a real link serves it, sent with a made-up token of the attacker's.
    const path = new URL(link).pathname;
    const [form] = formsIn(await (await request.get(link.slice(new URL(link).origin.length))).text());
    const guess = uniqueName("guess");
    const fields: Record<string, string> = path.includes("password")
      ? { token: guess, password: "a long and unusual passphrase", passwordConfirmation: "a long and unusual passphrase" }
      : { token: guess };
    const answers: boolean[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const { html } = await submitForm(request, `${path}?token=${guess}`, fields, { address: randomAddress(), served: form });
      answers.push(html.includes(LIMITED));
    }
    expect(answers.slice(0, 10), path).not.toContain(true);
    expect(answers[10], path).toBe(true);
  }
});

test("sign-in: ten wrong passwords from ten addresses do not lock out a browser that signed in before", async ({
  page,
  browser,
  request,
}) => {
  const account = createAccount();
  await signIn(page, account);
  await signOut(page);

  // The attacker, without the owner's device cookie, shares the account's ten attempts per 15 minutes
  // with every unknown browser: the owner's first sign-in (its browser was not known yet) was one.
  const attacker: boolean[] = [];
  for (let attempt = 0; attempt < 11; attempt++) {
    const { html } = await submitForm(
      request,
      "/auth/sign-in",
      { email: account.email, password: `wrong guess ${attempt}` },
      { address: randomAddress() },
    );
    attacker.push(html.includes(LIMITED));
  }
  expect(attacker).toEqual([...Array(9).fill(false), true, true]);

  // The owner's browser still signs in with the right password.
  await signIn(page, account);
  await signOut(page);

  // A browser that never signed in to the account is refused, right password or not.
  const fresh = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  const stranger = await fresh.newPage();
  await stranger.goto("/auth/sign-in");
  await stranger.getByLabel("Email address").fill(account.email);
  await stranger.getByLabel("Password").fill(account.password);
  await stranger.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(stranger.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText(LIMITED);
  await expect(stranger).toHaveURL(/\/auth\/sign-in/);
  await fresh.close();
  expect(secondFactorFigures(account.email).sessions, "the two sign-ins of the owner's browser, no other").toBe(2);

  // The known browser's own attempts count too, on its own ten per 15 minutes: its sign-in after the
  // attack and nine typos; the eleventh attempt is refused, right password or not.
  const own: boolean[] = [];
  for (let attempt = 0; attempt < 9; attempt++) {
    const { html } = await submitForm(
      page.request,
      "/auth/sign-in",
      { email: account.email, password: `owner typo ${attempt}` },
      { address: randomAddress() },
    );
    own.push(html.includes(LIMITED));
  }
  expect(own).toEqual(Array(9).fill(false));
  await page.goto("/auth/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toContainText(LIMITED);
  expect(secondFactorFigures(account.email).sessions).toBe(2);
});
