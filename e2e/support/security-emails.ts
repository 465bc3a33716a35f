import { expect } from "@playwright/test";
import { emailsTo, type ReceivedEmail } from "./mail";

/** HTML as a reader sees it: tags dropped, character references decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

/** Each secret as written, and without the spaces or dashes that group it on screen, in any case. */
function variants(secret: string): string[] {
  return [...new Set([secret, secret.replace(/[\s-]/g, "")])]
    .filter((variant) => variant.length >= 4)
    .map((variant) => variant.toLowerCase());
}

/**
 * Fails if the email holds any of the secrets (passwords, one-time codes, backup codes, link tokens,
 * authenticator secrets) anywhere: subject, text or HTML.
 */
export function expectNoSecrets(email: ReceivedEmail, secrets: string[]): void {
  const bodies = [email.subject, email.text, email.html, htmlText(email.html)].map((body) => body.toLowerCase());
  const compact = bodies.map((body) => body.replace(/[\s-]/g, ""));
  for (const secret of secrets) {
    for (const variant of variants(secret)) {
      const leaked =
        bodies.some((body) => body.includes(variant)) || (variant.length >= 10 && compact.some((body) => body.includes(variant)));
      expect(leaked, `"${email.subject}" contains the secret ${secret}`).toBe(false);
    }
  }
}

/**
 * Checks the "When / From" block every security email carries, in the text and the HTML alike.
 * `from` is what the From line says: "Chrome 120 on Android 14, IP address 10.1.2.3", "an administrator" …
 */
export function expectWhenAndFrom(email: ReceivedEmail, from: string | RegExp): void {
  const when = /When: \d{1,2} [A-Z][a-z]{2,8} \d{4}, \d{2}:\d{2} UTC/;
  const fromLine =
    typeof from === "string" ? new RegExp(`From: ${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) : new RegExp(`From: ${from.source}`);
  for (const [part, body] of [
    ["text", email.text],
    ["HTML", htmlText(email.html)],
  ] as const) {
    expect(body, `the ${part} of "${email.subject}" says when`).toMatch(when);
    expect(body, `the ${part} of "${email.subject}" says from where`).toMatch(fromLine);
  }
}

/** The From line of a change made in the test's browser, from the address it sent in X-Forwarded-For. */
export function fromBrowser(ip: string): RegExp {
  return new RegExp(`[A-Z][A-Za-z ]+ \\d+ on [A-Za-z0-9. ]+, IP address ${ip.replace(/\./g, "\\.")}`);
}

/** Waits until `count` emails to `to` match the subject, and returns them, oldest first. */
export async function waitForEmails(to: string, subject: RegExp, count: number, timeoutMs = 20_000): Promise<ReceivedEmail[]> {
  let matching: ReceivedEmail[] = [];
  await expect
    .poll(
      async () => {
        matching = (await emailsTo(to)).filter((email) => subject.test(email.subject));
        return matching.length;
      },
      { timeout: timeoutMs, message: `${count} emails to ${to} with subject ${subject}` },
    )
    .toBeGreaterThanOrEqual(count);
  return matching;
}
