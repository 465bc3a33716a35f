import type { Metadata } from "next";
import Link from "next/link";
import { frameLinkClass, PlainFrame } from "@/components/plain-frame";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <PlainFrame title="Page not found">
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        There is no page at this address. The link may be mistyped, or the page has moved.
      </p>
      <Link href="/settings/account" className={`mt-6 ${frameLinkClass}`}>
        Go to your account
      </Link>
    </PlainFrame>
  );
}
