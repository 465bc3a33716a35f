import assert from "node:assert/strict";
import { test } from "node:test";
import { keyNameField } from "./name";

test("key names are trimmed, spaces collapsed, and kept to 50 visible characters", () => {
  assert.equal(keyNameField.parse("  Blue   key \n on my keyring "), "Blue key on my keyring");
  assert.equal(keyNameField.parse("Clé bleue 🔑"), "Clé bleue 🔑");
  assert.match(keyNameField.safeParse("   ").error?.issues[0]?.message ?? "", /Give this key a name/);
  assert.equal(keyNameField.safeParse("x".repeat(51)).error?.issues[0]?.message, "Use at most 50 characters.");
  assert.equal(keyNameField.safeParse(["Blue key"]).error?.issues[0]?.message, "Give this key a name.");
});

test("control and invisible formatting characters are refused", () => {
  for (const name of ["Blue\u0000key", "Blue\u202Eyek", "Blue\u200Bkey"]) {
    assert.equal(
      keyNameField.safeParse(name).error?.issues[0]?.message,
      "Use letters, digits, spaces and punctuation only.",
      JSON.stringify(name),
    );
  }
});
