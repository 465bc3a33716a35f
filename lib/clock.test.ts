import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

const folder = mkdtempSync(path.join(tmpdir(), "keyring-clock-"));
const file = path.join(folder, "clock");
process.env.DATA_DIR = folder;
process.env.TEST_CLOCK_FILE = file;
const { now } = await import("./clock");

const HOUR = 3600 * 1000;

test("the test clock: the real time until the file exists, then moved by the seconds it holds, read on every call", () => {
  const near = (date: Date, expected: number) => assert.ok(Math.abs(date.getTime() - expected) < 5_000, `${date.toISOString()}`);
  near(now(), Date.now());
  writeFileSync(file, String(3 * 24 * 3600));
  near(now(), Date.now() + 72 * HOUR);
  writeFileSync(file, "-3600\n");
  near(now(), Date.now() - HOUR);
  writeFileSync(file, "tomorrow");
  assert.throws(() => now(), /TEST_CLOCK_FILE holds "tomorrow", not a number of seconds/);
});
