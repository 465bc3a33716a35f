import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthHeading } from "@/components/auth-heading";
import { getCurrentSession } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/next-path";
import { config } from "@/lib/config";
import { PasskeySignIn } from "./passkey-sign-in";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  confirmed: "Your email address is confirmed. You can sign in now.",
  "signed-out": "You have signed out.",
  "password-reset": "Your password was changed. Sign in with your new password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getCurrentSession()) redirect(next);
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  return (
    <>
      <AuthHeading title="Sign in" />
      <SignInForm next={next} notice={notice} passkeys={config().allowPasskeys} />
      {config().allowPasskeys ? <PasskeySignIn next={next} /> : null}
      <div className="mt-6 space-y-2 text-center text-sm text-slate-600 dark:text-slate-400">
        <p>
          New here?{" "}
          <Link href="/auth/sign-up" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            Create an account
          </Link>
        </p>
        <p>
          <Link href="/auth/confirmation/new" className="text-slate-600 dark:text-slate-400 underline">
            Didn&apos;t receive a confirmation link?
          </Link>
        </p>
      </div>
    </>
  );
}
