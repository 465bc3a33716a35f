"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { FormState } from "@/lib/forms/form-state";

/**
 * Once a sign-in action succeeds, it has left a one-minute grant cookie: next-auth exchanges it for
 * the session cookie, then the browser goes on to `next`. Returns whether the exchange failed.
 */
export function useSessionExchange(state: FormState, next: string): { exchanging: boolean; failed: boolean } {
  const [failed, setFailed] = useState(false);
  const router = useRouter();
  useEffect(() => {
    if (state.status !== "success") return;
    setFailed(false);
    signIn("credentials", { redirect: false }).then((result) => {
      if (result?.ok) router.replace(next);
      else setFailed(true);
    });
  }, [state, next, router]);
  return { exchanging: state.status === "success" && !failed, failed };
}
