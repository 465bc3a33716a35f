import "server-only";
import { requestContext } from "@/lib/request/context";
import { config } from "@/lib/config";
import { consumeRateLimits } from "@/lib/rate-limit";

/**
 * What the browser asks of next-auth here: the sign-in pages' exchange (csrf, then the credentials
 * callback that exchanges the sign-in grant; components/use-session-exchange.ts) and next-auth/react's
 * signOut (csrf, signout, then session).
 * Everything else next-auth offers is unused, and some of it answers a 500 to malformed input (a
 * callbackUrl that is not a URL, a JSON body that is not JSON), so it is not reached at all.
 */
const USED = new Set(["GET csrf", "GET session", "POST callback/credentials", "POST signout", "POST _log"]);

function json(status: number, error: string, headers: Record<string, string> = {}) {
  return Response.json({ error }, { status, headers });
}

/** A refusal for a request next-auth should not see, or null to hand it on. */
export async function refuseAuthRequest(request: Request, action: string[]): Promise<Response | null> {
  if (!USED.has(`${request.method} ${action.join("/")}`)) return json(404, "Not found");
  const url = new URL(request.url);
  let callbackUrls = url.searchParams.getAll("callbackUrl");
  if (request.method === "POST") {
    if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return json(415, "Send this form as application/x-www-form-urlencoded.");
    }
    callbackUrls = [...callbackUrls, ...new URLSearchParams(await request.clone().text()).getAll("callbackUrl")];
    // The sign-in grant is 256 random bits; the limit keeps a client from trying them by the million.
    const limited = await consumeRateLimits([{ key: `auth-callback:ip:${(await requestContext()).ip}`, limit: 60, windowSeconds: 300 }]);
    if (!limited.allowed) return json(429, "Too many attempts. Try again later.", { "Retry-After": String(limited.retryAfterSeconds) });
  }
  // The public address, or the host the browser used (as the same-origin check in proxy.ts does).
  const hosts = [config().appUrl.host, request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(), request.headers.get("host")].filter(
    Boolean,
  );
  if (!callbackUrls.every((callbackUrl) => isOwnUrl(callbackUrl, hosts as string[])))
    return json(400, "callbackUrl must be a page of this site.");
  return null;
}

/** A path on this site, or an http(s) URL of it (next-auth/react sends the page's own address). */
function isOwnUrl(value: string, hosts: string[]): boolean {
  if (/^\/(?![/\\])/.test(value)) return true;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && hosts.includes(url.host);
  } catch {
    return false;
  }
}
