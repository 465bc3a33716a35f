import assert from "node:assert/strict";
import { test } from "node:test";
import { newPasswordProblems, passwordProblem, passwordProblems } from "@/lib/passwords/policy";

const TOO_SHORT = /too short \(\d+ characters\)\. Use at least 8\./;
const TOO_LONG = /too long \(\d+ bytes\)\. Use at most 72\./;
const COMMON = /too common/;
const PERSONAL = /must not be your email address or username/;

test("7 characters are refused, 8 are enough", () => {
  assert.match(passwordProblem("vK3#pz9") ?? "", TOO_SHORT);
  assert.equal(passwordProblem("vK3#pz9q"), null);
});

test("long passphrases are welcome", () => {
  const passphrase = "correct horse battery staple on a misty mountain ridge at dawn 42";
  assert.equal(passphrase.length, 65);
  assert.equal(passwordProblem(passphrase.slice(0, 64)), null);
});

test("the minimum counts characters, not bytes or UTF-16 units", () => {
  // 7 emoji are 28 bytes and 14 UTF-16 units, but 7 characters (all different: a repetition is refused).
  assert.match(passwordProblem("🔑🔒🔓🔐🌙🌲🐙") ?? "", TOO_SHORT);
  assert.equal(passwordProblem("🔑🔒🔓🔐🌙🌲🐙🎲"), null);
});

test("the maximum counts bytes, because bcrypt reads only 72 of them", () => {
  const phrase = "correct horse battery staple on a misty mountain ridge at dawn 42".padEnd(72, "!");
  assert.equal(passwordProblem(phrase), null);
  assert.match(passwordProblem(phrase + "!") ?? "", TOO_LONG);
  assert.match(passwordProblem("x".repeat(73)) ?? "", TOO_LONG);
  // These letters are 2 bytes each in UTF-8: 36 of them are 72 bytes, and one more letter is 73 bytes in 37 characters.
  const accented = "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉ";
  assert.equal([...accented].length, 36);
  assert.equal(passwordProblem(accented), null);
  assert.match(passwordProblem(accented + "a") ?? "", TOO_LONG);
  assert.match(passwordProblem("🔑".repeat(19)) ?? "", TOO_LONG);
});

test("common passwords are refused whatever their case", () => {
  for (const password of ["password1", "Password1", "PASSWORD1", "qwertyuiop", "QwErTyUiOp", "iloveyou", "letmein123"]) {
    assert.match(passwordProblem(password) ?? "", COMMON, password);
  }
});

test("the email address or username is not a password", () => {
  const account = { email: "alice.wonder@example.com", username: "alice_wonder" };
  assert.match(passwordProblem("alice.wonder@example.com", account) ?? "", PERSONAL);
  assert.match(passwordProblem("Alice.Wonder@Example.com", account) ?? "", PERSONAL);
  assert.match(passwordProblem("ALICE_WONDER", account) ?? "", PERSONAL);
  assert.equal(passwordProblem("alice_wonderland", account), null);
  // Without the account, the same password is fine.
  assert.equal(passwordProblem("alice_wonder"), null);
});

test("each message names its rule", () => {
  assert.equal(passwordProblem("short"), "This password is too short (5 characters). Use at least 8.");
  assert.equal(passwordProblem("y".repeat(100)), "This password is too long (100 bytes). Use at most 72.");
  assert.match(passwordProblem("password") ?? "", /appears in lists that attackers try first/);
});

const REPETITIVE = /repeats a few characters/;
const SEQUENTIAL = /a run of letters, digits or keys/;
const BLANK = /only spaces/;

test("trivial passwords are refused, each with a message that names its rule", () => {
  for (const password of ["00000000", "aaaaaaaa", "12345678", "abcdefgh", " ".repeat(8), "ｐａｓｓｗｏｒｄ", "１２３４５６７８"]) {
    assert.notEqual(passwordProblem(password), null, JSON.stringify(password));
  }
});

test("one character or a short unit repeated is refused, in any case and however long", () => {
  for (const password of [
    "aaaaaaaa",
    "00000000",
    "AAAAAAAAAAAAAAAAAAAA",
    "abababab",
    "AbAbAbAb",
    "abcabcab",
    "abcdabcd",
    "!?!?!?!?!?",
    "xy1xy1xy1xy1",
    "🔑🔒🔑🔒🔑🔒🔑🔒",
  ]) {
    assert.match(passwordProblem(password) ?? "", REPETITIVE, password);
  }
  // A repeated common word is as weak as the word.
  assert.match(passwordProblem("monkeymonkey") ?? "", REPETITIVE);
  // Repetition inside a longer password is fine, and so is a strong unit said twice.
  for (const password of ["aaaaaaaab", "abababab cobalt", "Xk9#mQ2!Xk9#mQ2!", "baaaaaaaa wren"]) {
    assert.equal(passwordProblem(password), null, password);
  }
});

test("runs of letters, digits or keyboard keys across the whole password are refused, both ways", () => {
  for (const password of [
    "abcdefgh",
    "ABCDEFGHIJ",
    "hgfedcba",
    "zyxwvuts",
    "xyzabcde",
    "23456789",
    "87654321",
    "78901234",
    "acegikmo",
    "qwertyui",
    "QWERTYUIOP",
    "poiuytre",
    "asdfghjk",
    "zxcvbnm,",
    "qwertzui",
    "!@#$%^&*",
    "１２３４５６７８９",
  ]) {
    assert.notEqual(passwordProblem(password), null, password);
  }
  for (const password of [
    "hgfedcba",
    "zyxwvuts",
    "xyzabcde",
    "87654321",
    "78901234",
    "acegikmo",
    "poiuytre",
    "zxcvbnm,",
    "qwertzui",
    "!@#$%^&*",
  ]) {
    assert.match(passwordProblem(password) ?? "", SEQUENTIAL, password);
  }
  // A run inside a longer password is not the whole password.
  for (const password of ["abcdefgh7", "my abcdefgh", "12345678 tulips", "qwertyui-Lk"]) {
    assert.equal(passwordProblem(password), null, password);
  }
});

test("a password of only whitespace is refused, whichever spaces", () => {
  for (const password of [" ".repeat(8), "\t".repeat(8), " \t \n \t  ", "\u3000".repeat(8), "\u00a0".repeat(10)]) {
    assert.match(passwordProblem(password) ?? "", BLANK, JSON.stringify(password));
  }
  assert.equal(passwordProblem("  spaced out words  "), null);
});

test("the rules read the NFKC form: full-width look-alikes of common passwords are common", () => {
  for (const password of ["ｐａｓｓｗｏｒｄ", "ＰＡＳＳＷＯＲＤ", "ｉｌｏｖｅｙｏｕ", "１２３４５６７８", "ｑｗｅｒｔｙｕｉｏｐ"]) {
    assert.match(passwordProblem(password) ?? "", COMMON, password);
  }
  // The ligature "ﬁ" is "fi": 7 characters typed, 8 once normalised, and the length counts those.
  assert.equal(passwordProblem("ﬁx7Rq2m"), null);
});

test("the 72-byte maximum counts the normalised bytes", () => {
  // "ﷺ" (U+FDFA, 3 bytes) becomes 18 letters, 33 bytes, under NFKC: three of them are 9 bytes typed, 99 normalised.
  assert.match(passwordProblem("ﷺﷺﷺ horse") ?? "", TOO_LONG);
  // "e" + U+0301 (3 bytes) is "é" (2 bytes) once composed: 24 of them are 72 bytes typed, 48 normalised.
  assert.equal(passwordProblem("e\u0301".repeat(24) + "x".repeat(20)), null);
});

test("a new password typed twice matches when only the way its accents were typed differs", () => {
  const composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
  const decomposed = composed.normalize("NFD");
  assert.notEqual(composed, decomposed);
  assert.deepEqual(newPasswordProblems(composed, decomposed), []);
  assert.deepEqual(newPasswordProblems(composed, `${composed}!`), [{ at: "confirmation", message: "The two passwords do not match." }]);
  assert.ok(newPasswordProblems("short", "short").every((problem) => problem.at === "password"));
});

test("every rule a password breaks is reported, not only the first", () => {
  assert.deepEqual(passwordProblems("1234567"), [
    "This password is too short (7 characters). Use at least 8.",
    "This password is too common: it appears in lists that attackers try first.",
    "This password is a run of letters, digits or keys (like abcd, 4321 or qwerty): attackers try those first.",
  ]);
  assert.equal(passwordProblems("abab").length, 2, "too short, and a repetition");
});

test("a mismatch is reported at the confirmation even when the password itself breaks a rule", () => {
  assert.deepEqual(newPasswordProblems("kq7", "kq8"), [
    { at: "password", message: "This password is too short (3 characters). Use at least 8." },
    { at: "confirmation", message: "The two passwords do not match." },
  ]);
  assert.deepEqual(
    newPasswordProblems("", "something"),
    [{ at: "confirmation", message: "The two passwords do not match." }],
    "an empty password is the field's own message",
  );
});

test("a run is two or more characters, stepped by one or two either way: one character alone is only too short", () => {
  const sequential = (password: string) => passwordProblems(password).some((problem) => SEQUENTIAL.test(problem));
  assert.deepEqual(passwordProblems("x"), ["This password is too short (1 characters). Use at least 8."]);
  assert.equal(sequential("ab"), true);
  assert.equal(sequential("ba"), true);
  for (const password of ["omkigeca", "97531975", "02468024", "bdfhjlnp"]) assert.equal(sequential(password), true, password);
  assert.equal(sequential("adgjmpsv"), false, "a step of three is not a run");
});
