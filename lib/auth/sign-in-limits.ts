import "server-only";
import { db } from "@/lib/db/client";
import type { RateLimitRule } from "@/lib/rate-limit";
import { sha256 } from "@/lib/tokens/random";
import { presentedDeviceId } from "./sign-in";

const ATTEMPTS = 10;
const WINDOW_SECONDS = 15 * 60;

/** The sign-in form's limits for the account its email names, from the browser that sent it. */
export async function signInAccountLimits(email: string): Promise<RateLimitRule[]> {
  return signInLimitsFor({ email, deviceId: await presentedDeviceId() });
}

/**
 * Guesses at one account's password are limited, but failures from elsewhere must not lock out the
 * owner (OWASP Authentication Cheat Sheet, "device cookies"): a browser whose device cookie an
 * earlier finished sign-in of this account carried counts on a bucket of its own, per account and
 * device; every other browser shares the account's bucket. Counted for any address, registered or
 * not: an unregistered one, or one this browser never signed in to, gets the same shared rule after
 * the same single query, so neither the answer nor its cost tells whether the address has an account.
 */
export async function signInLimitsFor({ email, deviceId }: { email: string; deviceId?: string }): Promise<RateLimitRule[]> {
  if (deviceId) {
    const deviceHash = sha256(deviceId);
    const known = await db().session.findFirst({
      where: { deviceHash, activatedAt: { not: null }, user: { email } },
      select: { id: true },
    });
    // The digest, not the id: the cookie is what lets its holder past the shared bucket.
    if (known) return [{ key: `sign-in:account:${email}:device:${deviceHash}`, limit: ATTEMPTS, windowSeconds: WINDOW_SECONDS }];
  }
  return [{ key: `sign-in:account:${email}`, limit: ATTEMPTS, windowSeconds: WINDOW_SECONDS }];
}
