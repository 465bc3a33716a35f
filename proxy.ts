import { NextResponse, type NextRequest } from "next/server";
import { createNonce, pageSecurityHeaders } from "@/lib/security/headers";
import { malformedActionRequest } from "@/lib/security/malformed-request";
import { isCrossSiteWrite } from "@/lib/security/same-origin";

/**
 * Refuses cross-site writes (lib/security/same-origin.ts) and server action requests Next.js could
 * not decode (lib/security/malformed-request.ts), then gives every page a fresh CSP nonce.
 * Next.js reads the policy from the request headers to put the nonce on its scripts, so it goes both
 * on the forwarded request and on the response. Sessions and roles are not checked here: every page,
 * action and route handler checks them itself.
 */
export async function proxy(request: NextRequest) {
  if (isCrossSiteWrite(request)) return refuse(403, "This request came from another site and was refused.");
  const malformed = await malformedActionRequest(request);
  if (malformed) return refuse(malformed.status, malformed.message);

  const headers = pageSecurityHeaders(createNonce(), {
    production: process.env.APP_MODE === "production",
    development: process.env.NODE_ENV === "development",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"] as string);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function refuse(status: number, message: string) {
  return new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Static files carry no scripts to allow; next.config.js gives them the other headers.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
