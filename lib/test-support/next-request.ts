// Runs code the way Next.js runs a server action or a route handler, so that `cookies()`, `headers()`,
// `redirect()` and `forbidden()` work in a unit test: the request's headers and cookies in; the cookies
// set, the redirect or the refusal's status out. It uses Next.js's own request store (the version is pinned in package.json); a Next.js
// upgrade that moves these modules fails here loudly rather than in a test's assertions.
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import {
  getAccessFallbackHTTPStatus,
  isHTTPAccessFallbackError,
} from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { isRedirectError } from "next/dist/client/components/redirect-error";

export type RequestInput = {
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
  path?: string;
};

export type SetCookie = { name: string; value: string; attributes: string[] };

export type RequestOutcome<T> = { setCookies: SetCookie[] } & (
  | { result: T; redirectedTo: null; refusedWith: null }
  | { result: undefined; redirectedTo: string; refusedWith: null }
  | { result: undefined; redirectedTo: null; refusedWith: number }
);

export async function inRequest<T>(input: RequestInput, run: () => Promise<T>): Promise<RequestOutcome<T>> {
  const headers = new Headers(input.headers);
  const cookieHeader = Object.entries(input.cookies ?? {})
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("; ");
  if (cookieHeader) headers.set("cookie", cookieHeader);
  const url = new URL(input.path ?? "/", "http://localhost");
  let written: string[] = [];
  const requestStore = createRequestStoreForAPI(
    { headers } as never,
    { pathname: url.pathname, search: url.search },
    { tags: [], expirationsByCacheKind: new Map() } as never,
    (cookies: string[]) => (written = cookies),
    undefined as never,
    undefined,
  );
  const workStore = { route: url.pathname, forceStatic: false, dynamicShouldError: false, isStaticGeneration: false } as never;
  const outcome = await workAsyncStorage.run(workStore, () =>
    workUnitAsyncStorage.run(requestStore, async () => {
      try {
        return { result: await run(), redirectedTo: null, refusedWith: null } as const;
      } catch (error) {
        if (isRedirectError(error)) return { result: undefined, redirectedTo: redirectTarget(error.digest), refusedWith: null } as const;
        if (isHTTPAccessFallbackError(error))
          return { result: undefined, redirectedTo: null, refusedWith: getAccessFallbackHTTPStatus(error) } as const;
        throw error;
      }
    }),
  );
  return { ...outcome, setCookies: written.map(parseSetCookie) };
}

function parseSetCookie(header: string): SetCookie {
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  const [name = "", ...value] = pair.split("=");
  return { name, value: decodeURIComponent(value.join("=")), attributes };
}

/** The target in a redirect's digest, `NEXT_REDIRECT;type;url;status;` (as next/navigation reads it). */
function redirectTarget(digest: string): string {
  return digest.split(";").slice(2, -2).join(";");
}
