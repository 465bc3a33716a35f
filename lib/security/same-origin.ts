// No "server-only" marker: proxy.ts runs outside the React server layer and imports this.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change state as far as its origin goes: a browser's cross-site POST
 * (a form or script on another site riding on the user's cookies) is refused. It compares Origin
 * with the host the request was sent to, as Next.js does for server actions, but answers a clean
 * 403 for every page and route handler, where Next.js would end a refused action with a 500 (and a
 * malformed Origin would make it throw). A request without Origin is not a browser's cross-site
 * request (browsers send Origin on every POST), so it passes on to the handler's own checks.
 */
export function isCrossSiteWrite(request: { method: string; headers: Headers }): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return !host || originHost(origin) !== host.toLowerCase();
}

function originHost(origin: string): string | null {
  if (!/^https?:\/\//i.test(origin)) return null;
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
