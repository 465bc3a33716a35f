import "server-only";
import { config } from "@/lib/config";
import { describeSecurityEvent, type SecurityEvent } from "./security-event";

export type EmailContent = { subject: string; text: string; html: string };

const NOT_ME_TEXT = "This wasn't me: sign out everywhere and lock my account (works once, for 24 hours)";

type Layout = {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Security emails: when and from where the change was made, in the same words in every one. */
  event?: SecurityEvent;
  action?: { label: string; url: string };
  /** A second link, shown under the action: a recovery request's cancel link (lib/recovery). */
  secondaryAction?: { label: string; url: string };
  /** Emails reporting a sign-in or second-factor event: the single-use "This wasn't me" link (lib/lockdown). */
  notMe?: string;
  /** What to do if the reader did not ask for this email. */
  closing: string;
};

/** Every email has the same shape, in plain text and HTML. */
export function layoutEmail(layout: Layout): EmailContent {
  const appName = config().appName;
  const event = layout.event ? describeSecurityEvent(layout.event) : null;
  const text = [
    layout.greeting,
    "",
    ...layout.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(event ? [`When: ${event.when}`, `From: ${event.from}`, ""] : []),
    ...(layout.action ? [`${layout.action.label}:`, layout.action.url, ""] : []),
    ...(layout.secondaryAction ? [`${layout.secondaryAction.label}:`, layout.secondaryAction.url, ""] : []),
    ...(layout.notMe ? [`${NOT_ME_TEXT}:`, layout.notMe, ""] : []),
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
  event
    ? `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse;font-size:14px;line-height:1.5;background:#f4f4f7;border-radius:6px;width:100%">
<tr><th scope="row" style="text-align:left;padding:8px 12px 0;width:4.5em;vertical-align:top">When:</th><td style="padding:8px 12px 0">${escapeHtml(event.when)}</td></tr>
<tr><th scope="row" style="text-align:left;padding:4px 12px 8px;vertical-align:top">From:</th><td style="padding:4px 12px 8px">${escapeHtml(event.from)}</td></tr>
</table>`
    : ""
}
${
  layout.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(layout.action.url)}" style="background:#563acc;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(layout.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#5b6170;word-break:break-all">${escapeHtml(layout.action.url)}</p>`
    : ""
}
${layout.secondaryAction ? warningLink(layout.secondaryAction.label, layout.secondaryAction.url) : ""}
${layout.notMe ? warningLink(NOT_ME_TEXT, layout.notMe) : ""}
<p style="margin:16px 0 0;font-size:13px;color:#5b6170;line-height:1.5">${escapeHtml(layout.closing)}</p>
</div></div></body></html>`;

  return { subject: layout.subject, text, html };
}

/** A link that undoes or stops something (red), with its address written out under it. */
function warningLink(label: string, url: string): string {
  return `<p style="margin:16px 0;line-height:1.5"><a href="${escapeHtml(url)}" style="color:#b42318;font-weight:600">${escapeHtml(label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#5b6170;word-break:break-all">${escapeHtml(url)}</p>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function appLink(pathAndQuery: string): string {
  return new URL(pathAndQuery, config().appUrl).toString();
}
