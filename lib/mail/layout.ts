import "server-only";
import { config } from "@/lib/config";

export type EmailContent = { subject: string; text: string; html: string };

type Layout = {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** What to do if the reader did not ask for this email. */
  closing: string;
};

/** Every email has the same shape, in plain text and HTML. */
export function layoutEmail(layout: Layout): EmailContent {
  const appName = config().appName;
  const text = [
    layout.greeting,
    "",
    ...layout.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(layout.action ? [`${layout.action.label}:`, layout.action.url, ""] : []),
    layout.closing,
    "",
    `— ${appName}`,
  ].join("\n");

  const html = `<!doctype html>
<html><body style="margin:0;background:#f4f4f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2330">
<div style="max-width:520px;margin:0 auto;padding:32px 24px">
<p style="font-weight:700;font-size:18px;color:#563acc;margin:0 0 24px">${escapeHtml(appName)}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px">${escapeHtml(layout.greeting)}</p>
${layout.paragraphs.map((paragraph) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(paragraph)}</p>`).join("\n")}
${
  layout.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(layout.action.url)}" style="background:#563acc;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(layout.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#5b6170;word-break:break-all">${escapeHtml(layout.action.url)}</p>`
    : ""
}
<p style="margin:16px 0 0;font-size:13px;color:#5b6170;line-height:1.5">${escapeHtml(layout.closing)}</p>
</div></div></body></html>`;

  return { subject: layout.subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function appLink(pathAndQuery: string): string {
  return new URL(pathAndQuery, config().appUrl).toString();
}
