import { createAccount, uniqueName } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { formsIn, submitForm } from "./support/forms";
import { linkIn, waitForEmail } from "./support/mail";
import { requestResetLink } from "./support/password-reset";

/**
 * Limits per account hold whatever address the attempts come from (S23): a new address for every
 * request, as a botnet would send them, and the attempt after the limit is refused with a message.
 */
const LIMITED = "Too many attempts. Try again in";

test("sign-up: one email address gets five tries an hour, from any number of addresses", async ({ request }) => {
  const email = `${uniqueName()}@example.test`;
  const answers: boolean[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const fields = { email, username: uniqueName(), password: "a long and unusual passphrase", passwordConfirmation: "a long and unusual passphrase" };
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
    const fields: Record<string, string> = path.includes("password") ? { token: guess, password: "a long and unusual passphrase", passwordConfirmation: "a long and unusual passphrase" } : { token: guess };
    const answers: boolean[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const { html } = await submitForm(request, `${path}?token=${guess}`, fields, { address: randomAddress(), served: form });
      answers.push(html.includes(LIMITED));
    }
    expect(answers.slice(0, 10), path).not.toContain(true);
    expect(answers[10], path).toBe(true);
  }
});
