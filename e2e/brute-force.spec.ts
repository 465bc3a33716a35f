import { createAccount, secondFactorFigures } from "./support/accounts";
import { expect, randomAddress, test } from "./support/fixtures";
import { formsIn, submitForm, type ServedForm } from "./support/forms";
import { signIn } from "./support/sign-in";
import { codeAt, enableTwoFactor } from "./support/two-factor";

/** The second-factor limits: 5 failures in a row per account, 100 attempts an hour. */
const MAX_CONSECUTIVE_FAILURES = 5;
const MAX_FAILURES_PER_HOUR = 100;
const GUESSES = 1_000;

function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((steps) => codeAt(secret, steps)));
  for (;;) {
    const guess = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
    if (!valid.has(guess)) return guess;
  }
}

test("1,000 wrong authenticator codes from many addresses, password known: the account's limits hold", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(10 * 60_000);
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);
  const before = secondFactorFigures(account.email);

  // The attacker: no JavaScript, a new address for every request, and the password, so that the
  // password step is done again whenever the pending sign-in is voided.
  const attacker = await playwright.request.newContext({ baseURL });
  const answers = { wrong: 0, restart: 0, limited: 0 };
  let passwordSteps = 0;
  let passwordRefused = 0;
  let signInForm: ServedForm | undefined;
  let codeForm: ServedForm | undefined;
  let pending = false;
  for (let guess = 0; guess < GUESSES; guess++) {
    if (!pending) {
      const step = await submitForm(
        attacker,
        "/auth/sign-in",
        { email: account.email, password: account.password },
        { address: randomAddress(), served: signInForm },
      );
      signInForm = step.form;
      pending = step.html.includes("Authentication code");
      if (pending) {
        passwordSteps++;
        codeForm ??= formsIn(step.html)[0];
      } else passwordRefused++;
    }
    if (!codeForm) throw new Error("The password step never led to the second step");
    const answer = await submitForm(
      attacker,
      "/auth/two-factor",
      { code: wrongCode(secret) },
      { address: randomAddress(), served: codeForm },
    );
    expect(answer.status).toBe(200);
    if (/\d tr(y|ies) left/.test(answer.html)) answers.wrong++;
    else if (/Too many attempts/.test(answer.html)) answers.limited++;
    // Told to sign in again, or sent back to the sign-in page: the pending sign-in is gone.
    else if (/sign in again with your password/.test(answer.html) || !answer.html.includes("Authentication code")) {
      answers.restart++;
      pending = false;
    } else throw new Error("An answer to a wrong code that is none of: wrong, limited, sign in again");
  }

  const after = secondFactorFigures(account.email);
  const evaluated = after.failuresRecorded - before.failuresRecorded;
  console.log(
    `Brute force: ${GUESSES} wrong codes sent; ${evaluated} evaluated (audit rows); answers: ${answers.wrong} wrong code, ` +
      `${answers.restart} sign in again, ${answers.limited} too many attempts; password step redone ${passwordSteps} times, refused ${passwordRefused} times`,
  );
  expect(evaluated).toBeLessThanOrEqual(MAX_FAILURES_PER_HOUR);
  expect(evaluated).toBeLessThanOrEqual(MAX_CONSECUTIVE_FAILURES * passwordSteps);
  expect(answers.wrong).toBeGreaterThan(0); // the guesses did reach the check
  expect(after.sessions).toBe(before.sessions);
  expect((await attacker.storageState()).cookies.map((cookie) => cookie.name)).not.toContainEqual(expect.stringContaining("session-token"));
  await attacker.dispose();
});
