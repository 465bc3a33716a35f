import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { before, test } from "node:test";
import bcrypt from "bcrypt";
import { generatePassword, hashPassword, passwordMatch, verifyPassword } from "@/lib/passwords/hashing";
import { passwordProblem } from "@/lib/passwords/policy";

before(() => {
  // Read once, by the first config() call. Cost 8 makes a comparison slow enough to time.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "keyring-hashing-"));
  process.env.BCRYPT_COST = "8";
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

test("a hash is bcrypt at the configured cost, salted, and never the password", async () => {
  const first = await hashPassword("violet sunrise 42");
  const second = await hashPassword("violet sunrise 42");
  assert.match(first, /^\$2b\$08\$[./A-Za-z0-9]{53}$/);
  assert.notEqual(first, second, "each hash has its own salt");
  assert.ok(!first.includes("violet"));
});

test("the right password verifies, any other does not", async () => {
  const hash = await hashPassword("violet sunrise 42");
  assert.equal(await verifyPassword("violet sunrise 42", hash), true);
  assert.equal(await verifyPassword("violet sunrise 43", hash), false);
  assert.equal(await verifyPassword("Violet sunrise 42", hash), false);
  assert.equal(await verifyPassword("", hash), false);
});

test("passwords that differ only after byte 72 are not interchangeable", async () => {
  const prefix = "é".repeat(36); // 72 bytes
  const hash = await hashPassword(prefix + "first");
  assert.equal(await verifyPassword(prefix + "second", hash), false);
  assert.equal(await verifyPassword(prefix + "first", hash), false, "a password past 72 bytes never verifies");
});

test("a password past 72 bytes does not verify against the hash of its first 72 bytes", async () => {
  const prefix = "k".repeat(72);
  const hash = await hashPassword(prefix);
  assert.equal(await verifyPassword(prefix, hash), true);
  assert.equal(await verifyPassword(prefix + "!", hash), false);
  assert.equal(await verifyPassword(prefix + "anything at all", hash), false);
});

test("with no account, the answer is no and takes as long as a real comparison", async () => {
  const hash = await hashPassword("violet sunrise 42");
  assert.equal(await verifyPassword("violet sunrise 42", null), false);
  assert.equal(await verifyPassword("not a password anybody has", null), false, "not even the dummy hash's password");

  const known: number[] = [];
  const unknown: number[] = [];
  // Interleaved, so that a busy machine slows both alike.
  for (let run = 0; run < 15; run++) {
    let start = performance.now();
    await verifyPassword("wrong guess", hash);
    known.push(performance.now() - start);
    start = performance.now();
    await verifyPassword("wrong guess", null);
    unknown.push(performance.now() - start);
  }
  const ratio = median(unknown) / median(known);
  assert.ok(ratio > 1 / 3 && ratio < 3, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`);
});

test("generated passwords: 20 readable characters, never the same, and acceptable to the policy", () => {
  const passwords = Array.from({ length: 1000 }, () => generatePassword());
  assert.equal(new Set(passwords).size, passwords.length);
  for (const password of passwords.slice(0, 50)) {
    // No 0/O/o, 1/l/I: the operator reads it out or types it.
    assert.match(password, /^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
    assert.equal(passwordProblem(password), null);
  }
  // Every character of the alphabet turns up: the choice is not biased towards part of it.
  assert.equal(new Set(passwords.join("")).size, 24 + 24 + 8);
  assert.equal(generatePassword(32).length, 32);
});

test("a password set with a composed é verifies typed decomposed, and the other way round (NFKC)", async () => {
  const composed = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e";
  const decomposed = composed.normalize("NFD");
  assert.notEqual(composed, decomposed);
  assert.equal(await verifyPassword(decomposed, await hashPassword(composed)), true);
  assert.equal(await verifyPassword(composed, await hashPassword(decomposed)), true);
  assert.equal(await verifyPassword("cafe creme brulee", await hashPassword(composed)), false, "accents still count");
});

test("full-width look-alikes hash as their plain form", async () => {
  const hash = await hashPassword("ｖｉｏｌｅｔ ｓｕｎｒｉｓｅ ４２");
  assert.equal(await verifyPassword("violet sunrise 42", hash), true);
  assert.equal(await bcrypt.compare("violet sunrise 42", hash), true, "the hash is of the normalised form");
});

test("a hash made before normalisation (of the password as typed) still verifies as typed", async () => {
  const typed = "ﬂuﬀy ｃａｔ e\u0301te\u0301";
  const legacy = await bcrypt.hash(typed, 8);
  assert.equal(await verifyPassword(typed, legacy), true);
  assert.equal(await passwordMatch(typed, legacy).then((match) => match.legacy), true, "reported as an old hash, to be replaced");
  assert.equal((await passwordMatch(typed, await hashPassword(typed))).legacy, false);
  assert.equal(await verifyPassword("fluffy cat", legacy), false);
});

test("the 72-byte limit applies to the normalised password", async () => {
  // 24 decomposed é are 72 bytes typed and 48 normalised: acceptable, and it verifies.
  const decomposed = "e\u0301".repeat(24) + "z".repeat(20);
  assert.equal(await verifyPassword(decomposed, await hashPassword(decomposed)), true);
  // Normalised past 72 bytes: never verifies, even against a hash of its own first 72 bytes.
  const expands = "ﷺﷺﷺ";
  assert.equal(await verifyPassword(expands + "!", await bcrypt.hash(expands.normalize("NFKC") + "!", 8)), false);
});

test("a password that normalisation changes costs two comparisons with or without an account", async () => {
  const hash = await hashPassword("violet sunrise 42");
  const decomposed = "wrong gue\u0301ss";
  const known: number[] = [];
  const unknown: number[] = [];
  for (let run = 0; run < 15; run++) {
    let start = performance.now();
    await verifyPassword(decomposed, hash);
    known.push(performance.now() - start);
    start = performance.now();
    await verifyPassword(decomposed, null);
    unknown.push(performance.now() - start);
  }
  const ratio = median(unknown) / median(known);
  assert.ok(ratio > 1 / 3 && ratio < 3, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`);
});

test("a password typed past 72 bytes never verifies as typed either, even when its normalised form fits", async () => {
  // 25 decomposed é: 75 bytes typed, 50 normalised. An old hash of the raw password is of its first 72 bytes.
  const typed = "e\u0301".repeat(25);
  const legacy = await bcrypt.hash(typed, 8);
  assert.equal(await bcrypt.compare(typed, legacy), true, "bcrypt alone would accept it");
  assert.deepEqual(await passwordMatch(typed, legacy), { valid: false, legacy: false });
});

test("a password that normalisation leaves as it is costs one comparison; one it changes, two; past 72 bytes, none", async (t) => {
  const hash = await hashPassword("violet sunrise 42");
  const compare = t.mock.method(bcrypt, "compare");
  const comparisons = async (typed: string, against: string | null) => {
    compare.mock.resetCalls();
    await verifyPassword(typed, against);
    return compare.mock.callCount();
  };
  for (const against of [hash, null]) {
    assert.equal(await comparisons("wrong guess", against), 1);
    assert.equal(await comparisons("wrong gue\u0301ss", against), 2);
    assert.equal(await comparisons("k".repeat(73), against), 0);
  }
});
