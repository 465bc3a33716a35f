import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { listMailbox, writeToMailbox } from "./mailbox";

const message = {
  to: "alice@example.com",
  subject: "Reset your password",
  text: "http://localhost:3000/auth/reset?token=secret",
  html: "<p>link</p>",
};
const modeOf = (file: string) => statSync(file).mode & 0o777;

test("the local mailbox's folder and messages are readable by their owner only", async () => {
  const previous = process.umask(0o022);
  try {
    const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-mailbox-"));
    await writeToMailbox(dataDir, message);
    const folder = path.join(dataDir, "mailbox");
    assert.equal(modeOf(folder), 0o700);
    for (const name of readdirSync(folder)) assert.equal(modeOf(path.join(folder, name)), 0o600, name);
    assert.equal((await listMailbox(dataDir))[0]?.subject, "Reset your password");
  } finally {
    process.umask(previous);
  }
});

test("a mailbox folder left open to others by an earlier version is closed on the next delivery", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-mailbox-"));
  const folder = path.join(dataDir, "mailbox");
  mkdirSync(folder, { mode: 0o755 });
  assert.equal(modeOf(folder), 0o755);
  await writeToMailbox(dataDir, message);
  assert.equal(modeOf(folder), 0o700);
});
