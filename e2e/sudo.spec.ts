import { expect, randomAddress, test } from "./support/fixtures";
import { createAccount, runWithAppDatabase } from "./support/accounts";
import { formsIn, submitForm, type ServedForm } from "./support/forms";
import { signIn } from "./support/sign-in";
import { codeAt, enableTwoFactor } from "./support/two-factor";

/** Pages whose forms change security settings; each form's action must check sudo mode itself. */
const SUDO_PAGES = ["/settings/two-factor", "/settings/two-factor/backup-codes", "/settings/account/email"];

test("every action behind sudo mode, posted directly from a session out of sudo mode, is refused and changes nothing", async ({
  page,
  baseURL,
}) => {
  const account = createAccount();
  await signIn(page, account);
  const { secret } = await enableTwoFactor(page, account);

  // The forms as served in sudo mode (what the user had on screen), less those of every page's frame
  // (sign-out), which need no sudo mode.
  const frame = new Set(formsIn(await (await page.request.get("/settings/security-log")).text()).map((form) => form.actionId));
  const forms: { path: string; form: ServedForm }[] = [];
  for (const path of SUDO_PAGES) {
    for (const form of formsIn(await (await page.request.get(path)).text())) if (!frame.has(form.actionId)) forms.push({ path, form });
  }
  expect(
    forms.map(({ path, form }) => `${path} ${form.fields.join(",")}`).length,
    JSON.stringify(forms.map((entry) => entry.path)),
  ).toBeGreaterThanOrEqual(3);

  runWithAppDatabase("end-sudo.ts", [account.email]);
  const before = runWithAppDatabase("security-state.ts", [account.email]);
  // Input that would succeed in sudo mode: the next authenticator code (not yet used), a new address.
  const valueFor = (field: string) =>
    ({ code: codeAt(secret, 1), email: `moved-${account.username}@example.test`, password: account.password })[field] ?? "on";

  for (const { path, form } of forms) {
    const fields = Object.fromEntries(form.fields.map((field) => [field, valueFor(field)]));
    const answer = await submitForm(page.request, path, fields, { address: randomAddress(), origin: baseURL, served: form });
    expect(answer.status, `${path} [${form.fields}]`).toBeLessThan(400);
    expect(answer.html, `${path} [${form.fields}] answers with the password prompt`).toContain("Confirm it");
  }
  expect(runWithAppDatabase("security-state.ts", [account.email]), "nothing changed").toBe(before);
});
