"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { frameLinkClass, PlainFrame } from "@/components/plain-frame";

/**
 * What a page shows when something fails on the server while rendering it (the database away, say).
 * Forms do not end here: their actions answer such faults with a message at the form (lib/forms).
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // The page is rendered on the server: ask it again, then show what it sends.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <PlainFrame title="Something went wrong on our side">
      <p className="mt-2 max-w-md text-slate-600 dark:text-slate-400">
        This page could not be shown just now. Please try again in a moment.
      </p>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-4">
        <button type="button" onClick={retry} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          Try again
        </button>
        <Link href="/settings/account" className={frameLinkClass}>
          Back to your preferences
        </Link>
      </div>
    </PlainFrame>
  );
}
