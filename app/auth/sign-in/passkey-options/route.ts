import { offerPasskeySignIn } from "@/lib/passkeys/challenge";
import { config } from "@/lib/config";
import { consumeRateLimits, formatRetryAfter } from "@/lib/rate-limit";
import { requestContext } from "@/lib/request/context";

/**
 * POST /auth/sign-in/passkey-options: a passwordless sign-in's challenge, bound to this browser by a
 * cookie. A route rather than a server action: the sign-in page asks for one as it loads (for the
 * autofill), and a server action would hold the password form's action behind it and re-render the
 * page for the cookie it sets. Cross-site posts are refused by proxy.ts before this runs.
 */
export async function POST() {
  const noStore = { "Cache-Control": "no-store" };
  if (!config().allowPasskeys) {
    return Response.json(
      { message: "This server does not allow passkeys. Sign in with your password." },
      { status: 404, headers: noStore },
    );
  }
  const { ip } = await requestContext();
  const limited = await consumeRateLimits([{ key: `passkey-options:ip:${ip}`, limit: 60, windowSeconds: 300 }]);
  if (!limited.allowed) {
    return Response.json(
      { message: `Too many attempts. Try again in ${formatRetryAfter(limited.retryAfterSeconds)}.` },
      { status: 429, headers: { ...noStore, "Retry-After": String(limited.retryAfterSeconds) } },
    );
  }
  return Response.json({ options: await offerPasskeySignIn() }, { headers: noStore });
}
