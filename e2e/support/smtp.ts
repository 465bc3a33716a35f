import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpServer } from "../../lib/test-support/smtp";

/**
 * The browser tests' mail: the app delivers to a real SMTP server over SMTP, and every message is
 * written as a raw .eml file to `folder`, where tests in any worker read it (see mail.ts).
 */
export async function startMailCatcher(folder: string): Promise<{ port: number; close: () => Promise<void> }> {
  mkdirSync(folder, { recursive: true });
  let count = 0;
  return startSmtpServer({
    onMessage(raw) {
      count++;
      writeFileSync(path.join(folder, `${Date.now()}-${String(count).padStart(5, "0")}.eml`), raw);
    },
  });
}
