import { simpleParser } from "mailparser";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { recordSecret } from "./secrets";

export type ReceivedEmail = { to: string; subject: string; text: string; html: string };

function mailFolder(): string {
  const folder = process.env.E2E_MAIL_DIR;
  if (!folder) throw new Error("E2E_MAIL_DIR is not set: run the tests through Playwright");
  return folder;
}

async function readAll(): Promise<ReceivedEmail[]> {
  const names = readdirSync(mailFolder())
    .filter((name) => name.endsWith(".eml"))
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const parsed = await simpleParser(readFileSync(path.join(mailFolder(), name)));
      const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
      return {
        to: to ?? "",
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : "",
      };
    }),
  );
}

/** Waits for the newest email to `to` whose subject matches, as delivered over SMTP. */
export async function waitForEmail(to: string, subject: RegExp, timeoutMs = 20_000): Promise<ReceivedEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await readAll()).filter((email) => email.to.toLowerCase() === to.toLowerCase() && subject.test(email.subject)).at(-1);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No email to ${to} with subject ${subject} within ${timeoutMs} ms`);
}

export async function emailsTo(to: string): Promise<ReceivedEmail[]> {
  return (await readAll()).filter((email) => email.to.toLowerCase() === to.toLowerCase());
}

export function linkIn(email: ReceivedEmail, pathPrefix: string): string {
  const link = email.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`No ${pathPrefix} link in: ${email.text}`);
  const token = new URL(link).searchParams.get("token");
  if (token) recordSecret("link token", token);
  return link;
}
