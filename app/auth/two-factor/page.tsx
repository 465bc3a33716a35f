import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { safeNextPath } from "@/lib/auth/next-path";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { pendingSignInToken } from "@/lib/auth/sign-in";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  const token = await pendingSignInToken();
  const pending = token ? await findPendingSignIn(token) : null;
  return (
    <>
      <AuthHeading title="Two-factor authentication" lead="Your account is protected by a second step." />
      <TwoFactorForm next={next} expired={!pending} />
      <p className="mt-6 text-center text-sm text-slate-600">
        <Link href="/auth/sign-in" className="underline">
          Cancel and start over
        </Link>
      </p>
    </>
  );
}
