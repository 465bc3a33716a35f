import assert from "node:assert/strict";
import { test } from "node:test";
import { isSequential, repeatedUnit } from "@/lib/passwords/patterns";

test("a walk along any row of a US, German or French keyboard is a run, shifted or not, either way", () => {
  const rows = {
    "US digits": "`1234567",
    "US digits, shifted": "!@#$%^&*",
    "US top row": "uiop[]\\",
    "US top row, shifted": "uiop{}|",
    "US home row": "ghjkl;'",
    "US home row, shifted": 'ghjkl:"',
    "US bottom row": "cvbnm,./",
    "US bottom row, shifted": "cvbnm<>?",
    "German top row": "qwertzuiopü+",
    "German home row": "hjklöä#",
    "German bottom row": "yxcvbnm,.-",
    "French top row": "azertyui",
    "French home row": "qsdfghjk",
    "French bottom row": "wxcvbn,;:!",
  };
  for (const [row, password] of Object.entries(rows)) {
    assert.equal(isSequential(password), true, `${row}: ${password}`);
    assert.equal(isSequential(password.toUpperCase()), true, `${row} in capitals`);
    assert.equal(isSequential([...password].reverse().join("")), true, `${row} backwards`);
  }
});

test("a run needs every character in it: one from elsewhere in front of a run is not a run", () => {
  for (const password of ["9abcdefg", "x0123456", "a12345678", "-qwertyu"]) {
    assert.equal(isSequential(password), false, password);
  }
});

test("the repeated unit is given in lower case, and a first character that differs is no repetition", () => {
  assert.equal(repeatedUnit("MonkeyMonkey"), "monkey");
  assert.equal(repeatedUnit("AbAbAbAb"), "ab");
  for (const password of ["baaaaaaa", "abbbbbbb", "abcbbcbbc", "xababab"]) {
    assert.equal(repeatedUnit(password), null, password);
  }
});
