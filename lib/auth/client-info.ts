import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";

/**
 * The client's address and browser for the current request. server.ts sets X-Forwarded-For from the
 * socket and drops the client's own header unless TRUST_PROXY is set; behind a trusted proxy the
 * right-most entry is the address that proxy saw.
 */
export async function clientInfo(): Promise<{ ip: string; userAgent: string | null }> {
  const requestHeaders = await headers();
  const forwarded = requestHeaders.get("x-forwarded-for") ?? "";
  const hops = forwarded.split(",").map((hop) => hop.trim()).filter(Boolean);
  const ip = (config().trustProxy ? hops.at(-1) : hops[0]) ?? "unknown";
  return { ip, userAgent: requestHeaders.get("user-agent") };
}
