import Link from "next/link";
import { frameLinkClass, PlainFrame } from "@/components/plain-frame";

export default function Forbidden() {
  return (
    <PlainFrame title="You cannot open this page">
      <p className="mt-2 text-slate-600 dark:text-slate-400">It is for the server&apos;s administrators.</p>
      <Link href="/settings/account" className={`mt-6 ${frameLinkClass}`}>
        Back to your preferences
      </Link>
    </PlainFrame>
  );
}
