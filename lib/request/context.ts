import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";

/**
 * Who acts, and from where: what every lib function that records, limits or mails a change is given.
 * Built once per action (guardedAction), from the request and the signed-in session.
 */
export type RequestContext = {
  /**
   * The signed-in account that acts. null: the server's operator at the command line. Absent: no one
   * is signed in (a sign-in, a link from an email), so the account concerned acts for itself.
   */
  actorId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** The browser's device cookie, given at sign-in only (lib/sessions/new-browser.ts). */
  deviceId?: string | null;
};

/** The server's operator at the command line: no account, no address. */
export const OPERATOR: RequestContext = { actorId: null, ip: null, userAgent: null };

/**
 * The context of the current request. server.ts sets X-Forwarded-For from the socket and drops the
 * client's own header unless TRUST_PROXY is set; behind a trusted proxy the right-most entry is the
 * address that proxy saw.
 */
export async function requestContext(actorId?: string): Promise<RequestContext & { ip: string; userAgent: string | null }> {
  const requestHeaders = await headers();
  const forwarded = requestHeaders.get("x-forwarded-for") ?? "";
  const hops = forwarded
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = (config().trustProxy ? hops.at(-1) : hops[0]) ?? "unknown";
  return { ...(actorId ? { actorId } : {}), ip, userAgent: requestHeaders.get("user-agent") };
}
