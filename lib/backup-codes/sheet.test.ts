import assert from "node:assert/strict";
import { test } from "node:test";
import { codesFileText, codesOwner, codesSheetLines } from "./sheet";

const owner = codesOwner("Keyring", new URL("https://accounts.example.com/some/path"), { username: "alice", email: "alice@example.com" });

test("the file is named after the app and the account", () => {
  assert.equal(owner.fileName, "keyring-backup-codes-alice.txt");
  assert.equal(
    codesOwner("My Key Ring!", new URL("http://localhost:3000"), { username: "bob", email: "b@x.test" }).fileName,
    "my-key-ring-backup-codes-bob.txt",
  );
  assert.equal(
    codesOwner("Key -- Ring  (main)", new URL("http://localhost:3000"), { username: "bob", email: "b@x.test" }).fileName,
    "key-ring-main-backup-codes-bob.txt",
    "a run of other characters is one dash",
  );
});

test("a printed sheet names the site, the account and the date", () => {
  assert.deepEqual(codesSheetLines(owner, "1 Dec 2026, 15:55 CET"), {
    title: "Keyring backup codes",
    lines: ["Account: alice (alice@example.com)", "Site: https://accounts.example.com", "Generated: 1 Dec 2026, 15:55 CET"],
  });
});

test("the downloaded file names the site, the account and the date above the codes, one a line", () => {
  const text = codesFileText(owner, ["aaaaa-bbbbb-ccccc", "ddddd-eeeee-fffff"], "1 Dec 2026, 15:55 CET");
  assert.equal(
    text,
    [
      "Keyring backup codes",
      "Account: alice (alice@example.com)",
      "Site: https://accounts.example.com",
      "Generated: 1 Dec 2026, 15:55 CET",
      "",
      "aaaaa-bbbbb-ccccc",
      "ddddd-eeeee-fffff",
      "",
    ].join("\n"),
  );
});
