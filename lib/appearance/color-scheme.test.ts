import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { colorSchemeInput, themeFor } from "./color-scheme";
import { setColorScheme } from "./preference";

freshDatabaseForEachFile();

test("the form accepts System, Light and Dark, and nothing else", () => {
  for (const colorScheme of ["SYSTEM", "LIGHT", "DARK"]) assert.equal(colorSchemeInput.safeParse({ colorScheme }).success, true);
  for (const colorScheme of ["dark", "", "BLUE", undefined]) {
    const parsed = colorSchemeInput.safeParse({ colorScheme });
    assert.equal(parsed.success, false, `${colorScheme} is refused`);
    assert.equal(parsed.error?.issues[0]?.message, "Choose System, Light or Dark.");
  }
});

test("a page follows the account's choice, and the browser's when the account says System or no one is signed in", () => {
  assert.equal(themeFor(null), "system");
  assert.equal(themeFor({ colorScheme: "SYSTEM" }), "system");
  assert.equal(themeFor({ colorScheme: "LIGHT" }), "light");
  assert.equal(themeFor({ colorScheme: "DARK" }), "dark");
});

test("a new account follows the browser, and its choice is kept", async () => {
  const { user } = await createAccount({
    email: "night@example.com",
    username: "night",
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  assert.equal(user.colorScheme, "SYSTEM");
  await setColorScheme(user.id, "DARK");
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: user.id } })).colorScheme, "DARK");
});
