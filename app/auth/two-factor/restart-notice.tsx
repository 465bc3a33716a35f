import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";

/** When the pending sign-in is gone (expired, voided, or never started here): back to the password. */
export function RestartNotice({ next, message }: { next: string; message?: string }) {
  return (
    <div className="space-y-5">
      <FormMessage message={message ?? "This sign-in has expired or was not started here. Sign in again with your password."} />
      <Link
        href={`/auth/sign-in?next=${encodeURIComponent(next)}`}
        className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700"
      >
        Sign in again
      </Link>
    </div>
  );
}
