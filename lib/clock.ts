import "server-only";
import { readFileSync } from "node:fs";
import { config } from "@/lib/config";

/**
 * The server's time, in UTC as every Date is. The two-factor requirement's deadlines and reminders
 * read it here, so that browser tests can move it: with TEST_CLOCK_FILE set (embedded mode only;
 * lib/config refuses it in production), the file's number of seconds is added to the real time.
 * The file is read on each call, so a test moves the clock of a running server by rewriting it.
 */
export function now(): Date {
  const file = config().testClockFile;
  return new Date(Date.now() + (file ? testClockOffsetSeconds(file) * 1000 : 0));
}

function testClockOffsetSeconds(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const seconds = Number(text.trim() || "0");
  if (!Number.isFinite(seconds)) throw new Error(`TEST_CLOCK_FILE holds ${JSON.stringify(text.trim())}, not a number of seconds`);
  return seconds;
}
