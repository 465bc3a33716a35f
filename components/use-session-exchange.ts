"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { FormState } from "@/lib/forms/form-state";

/**
 * Once a sign-in action succeeds, it has left a one-minute grant cookie: next-auth's credentials
 * callback exchanges it for the session cookie, then the browser goes on to `next`. Returns whether
 * the exchange failed. Two plain requests (the CSRF token, then the callback) rather than
 * next-auth/react's signIn, which adds two more (providers, session) and its code to every sign-in page.
 */
export function useSessionExchange(state: FormState, next: string): { exchanging: boolean; failed: boolean } {
  // The answer whose exchange failed: a new answer (the form sent again) starts afresh.
  const [failedFor, setFailedFor] = useState<FormState | null>(null);
  const failed = failedFor === state;
  const router = useRouter();
  useEffect(() => {
    if (state.status !== "success") return;
    exchangeSignInGrant(next).then((ok) => {
      if (ok) router.replace(next);
      else setFailedFor(state);
    });
  }, [state, next, router]);
  return { exchanging: state.status === "success" && !failed, failed };
}

async function exchangeSignInGrant(callbackUrl: string): Promise<boolean> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken?: string };
    if (!csrfToken) return false;
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    });
    const { url } = (await response.json()) as { url?: string };
    // next-auth reports a refused grant in the address it would send the browser to.
    return response.ok && typeof url === "string" && !new URL(url, window.location.href).searchParams.has("error");
  } catch {
    return false;
  }
}
