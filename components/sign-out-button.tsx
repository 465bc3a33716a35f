"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

/** `endSession` is the server action that ends the session in the database (app/auth/sign-out). */
export function SignOutButton({ endSession }: { endSession: () => Promise<void> }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  const signOutHere = async () => {
    setPending(true);
    setFailed(false);
    try {
      // The session ends in the database first: if that fails, the cookie stays and the user is told.
      await endSession();
      await signOut({ callbackUrl: "/auth/sign-in?notice=signed-out" });
    } catch {
      setFailed(true);
      setPending(false);
    }
  };
  return (
    <span className="flex items-center gap-2">
      {failed ? (
        <span role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          Could not sign out. Try again.
        </span>
      ) : null}
      <button
        type="button"
        disabled={pending}
        onClick={signOutHere}
        className="rounded-md px-3 py-2 text-sm font-semibold text-slate-700 dark:text-slate-300 ring-1 ring-slate-300 dark:ring-slate-600 transition hover:bg-slate-100 dark:hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 disabled:opacity-60"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </span>
  );
}
