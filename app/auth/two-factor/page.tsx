import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { safeNextPath } from "@/lib/auth/next-path";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { pendingSignInToken } from "@/lib/auth/sign-in";
import { TwoFactorForm, type SecondStepMethod } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; method?: string }> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const method: SecondStepMethod = params.method === "backup-code" ? "backup-code" : "authenticator";
  const other = method === "backup-code" ? { label: "Use your authenticator app", method: "authenticator" } : { label: "Use a backup code", method: "backup-code" };
  const token = await pendingSignInToken();
  const pending = token ? await findPendingSignIn(token) : null;
  return (
    <>
      <AuthHeading title="Two-factor authentication" lead="Your account is protected by a second step." />
      {/* After a backup code, the user lands where the remaining codes are counted. */}
      <TwoFactorForm
        key={method}
        method={method}
        next={method === "backup-code" ? "/settings/two-factor?notice=backup-code-used" : next}
        expired={!pending}
      />
      <div className="mt-6 space-y-2 text-center text-sm text-slate-600">
        {pending ? (
          <p>
            <Link href={`/auth/two-factor?method=${other.method}&next=${encodeURIComponent(next)}`} className="font-semibold text-brand-600 underline">
              {other.label}
            </Link>
          </p>
        ) : null}
        <p>
          <Link href="/auth/sign-in" className="underline">
            Cancel and start over
          </Link>
        </p>
      </div>
    </>
  );
}
