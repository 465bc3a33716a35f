import { formatDateTime } from "@/lib/display/date-time";
import type { RequestContext } from "@/lib/request/context";
import { describeBrowser } from "@/lib/display/browser";

/**
 * When and from where a security change happened: every security email states it the same way
 * (layoutEmail renders it), so that the reader can tell at a glance whether it was them.
 */
export type SecurityEvent = {
  at: Date;
  /**
   * "account": someone using the account itself (the owner, or whoever has its password), whose
   * browser and address are shown. Changes made by staff say who, not the staff member's address.
   */
  by: "account" | "administrator" | "operator";
  ip: string | null;
  userAgent: string | null;
};

/** What every security email's options hold: whose account, and when and from where it changed. */
export type SecurityEmailOptions = { username: string; event: SecurityEvent };

/** The event for a change to `userId`'s account made by `source`, now. */
export function securityEvent(userId: string, source: RequestContext, at = new Date()): SecurityEvent {
  const by = source.actorId === null ? "operator" : source.actorId === undefined || source.actorId === userId ? "account" : "administrator";
  return { at, by, ip: source.ip ?? null, userAgent: source.userAgent ?? null };
}

/** The event for something done through the account's own sign-in (no actor to compare). */
export function accountEvent(client: RequestContext, at = new Date()): SecurityEvent {
  return { at, by: "account", ip: client.ip ?? null, userAgent: client.userAgent ?? null };
}

/** The two lines every security email shows: "When" and "From". */
export function describeSecurityEvent(event: SecurityEvent): { when: string; from: string } {
  const when = formatDateTime(event.at);
  if (event.by === "administrator") return { when, from: "an administrator, in the administration pages" };
  if (event.by === "operator") return { when, from: "the server's operator, at the command line" };
  const address = event.ip && event.ip !== "unknown" ? `IP address ${event.ip}` : "an unknown IP address";
  return { when, from: `${describeBrowser(event.userAgent)}, ${address}` };
}

/** "An administrator" or "The server's operator", to begin a sentence about a change staff made. */
export function staffName(event: SecurityEvent): string {
  return event.by === "operator" ? "The server's operator" : "An administrator";
}
