import assert from "node:assert/strict";
import { test } from "node:test";
import { generateSync } from "otplib";
import { checkTotp, groupKey, newTotpSecret, totpCodeField, totpUri } from "@/lib/two-factor/totp";

const STEP = 30;
/** Mid-step, so that "one step either side" means exactly one code either side. */
const now = 1_750_000_005;
const currentStep = Math.floor(now / STEP);
/** Fixed secrets keep the test deterministic: no two codes below coincide by chance. */
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const otherSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const codeAt = (step: number) => generateSync({ secret, epoch: step * STEP });
const check = (code: string, afterStep?: number | null) => checkTotp({ secret, code, afterStep, epoch: now });

test("a new secret is 160 random bits in base32, different every time", () => {
  const secrets = Array.from({ length: 20 }, () => newTotpSecret());
  for (const value of secrets) assert.match(value, /^[A-Z2-7]{32}$/, "32 base32 characters, 5 bits each, no padding");
  assert.equal(new Set(secrets).size, secrets.length);
});

test("the code of the current step and of one step either side is accepted, with its step", () => {
  assert.deepEqual(check(codeAt(currentStep)), { valid: true, step: currentStep });
  assert.deepEqual(check(codeAt(currentStep - 1)), { valid: true, step: currentStep - 1 });
  assert.deepEqual(check(codeAt(currentStep + 1)), { valid: true, step: currentStep + 1 });
});

test("codes two steps away, or of another secret, are refused", () => {
  assert.deepEqual(check(codeAt(currentStep - 2)), { valid: false });
  assert.deepEqual(check(codeAt(currentStep + 2)), { valid: false });
  assert.deepEqual(checkTotp({ secret: otherSecret, code: codeAt(currentStep), epoch: now }), { valid: false });
});

test("after a step was accepted, its code and older ones are refused, newer ones accepted", () => {
  const accepted = check(codeAt(currentStep));
  assert.ok(accepted.valid);
  assert.deepEqual(check(codeAt(currentStep), accepted.step), { valid: false }, "the same code works once");
  assert.deepEqual(check(codeAt(currentStep - 1), accepted.step), { valid: false }, "an older code cannot follow a newer one");
  assert.deepEqual(check(codeAt(currentStep + 1), accepted.step), { valid: true, step: currentStep + 1 });
  assert.deepEqual(check(codeAt(currentStep), null), { valid: true, step: currentStep }, "null means no step used yet");
});

test("a code is accepted whatever the time within its 30-second step", () => {
  const start = currentStep * STEP;
  for (const epoch of [start, start + 29]) {
    assert.deepEqual(checkTotp({ secret, code: codeAt(currentStep), epoch }), { valid: true, step: currentStep });
  }
});

const parse = (value: unknown) => totpCodeField.safeParse(value);
/** The first message for the field (the form shows each rule broken: lib/forms/field-errors.ts). */
const message = (value: unknown) => {
  const result = parse(value);
  assert.equal(result.success, false, `${JSON.stringify(value)} should be refused`);
  return result.error?.issues[0]?.message;
};

test("the code field accepts spaces and dashes as people type them", () => {
  assert.equal(parse("123 456").data, "123456");
  assert.equal(parse(" 123-456 ").data, "123456");
  assert.equal(parse("\t123\u00a0456\n").data, "123456");
});

test("the code field says exactly what is wrong", () => {
  assert.equal(message(""), "Enter the 6-digit code from your authenticator app.");
  assert.equal(message("  - "), "Enter the 6-digit code from your authenticator app.");
  assert.equal(message(undefined), "Enter the 6-digit code from your authenticator app.");
  assert.equal(message("abcdef"), "The code is made of digits only.");
  assert.equal(message("12 34 5x"), "The code is made of digits only.");
  assert.equal(message("12345"), "The code has exactly 6 digits.");
  assert.equal(message("1234567"), "The code has exactly 6 digits.");
});

test("the setup URI names the issuer, the account and the secret", () => {
  const uri = new URL(totpUri({ secret, issuer: "Keyring Test", account: "olivia@example.com" }));
  assert.equal(uri.protocol, "otpauth:");
  assert.equal(uri.host, "totp");
  assert.equal(decodeURIComponent(uri.pathname), "/Keyring Test:olivia@example.com");
  assert.equal(uri.searchParams.get("secret"), secret);
  assert.equal(uri.searchParams.get("issuer"), "Keyring Test");
});

test("the key is shown in groups of four", () => {
  assert.equal(groupKey("ABCDEFGHIJKLMNOP"), "ABCD EFGH IJKL MNOP");
  assert.equal(groupKey("ABCDEF"), "ABCD EF");
  assert.equal(groupKey(""), "");
  assert.equal(groupKey(secret).split(" ").length, 8);
  assert.equal(groupKey(secret).replaceAll(" ", ""), secret);
});

test("a last step ahead of this server's clock, or a malformed code, is a refusal rather than an error", () => {
  assert.deepEqual(check(codeAt(currentStep), currentStep + 5), { valid: false });
  assert.deepEqual(check("12345"), { valid: false });
  assert.deepEqual(check("abcdef"), { valid: false });
});
