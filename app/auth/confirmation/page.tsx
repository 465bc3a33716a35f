import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { TokenActionForm } from "@/components/forms/token-action-form";
import { checkConfirmationLink } from "@/lib/accounts/confirm-email";
import { confirmEmailAction } from "./actions";
import { tokenProblem } from "./token-problem";

export const metadata: Metadata = { title: "Confirm your email address" };

/**
 * Opening the link only shows a button: the token is used by the POST, so that mail scanners that
 * fetch links do not use it up.
 */
export default async function ConfirmationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const check = typeof token === "string" ? await checkConfirmationLink(token) : { status: "unknown" as const };

  if (check.status !== "valid") {
    return (
      <>
        <AuthHeading title="Confirm your email address" />
        <FormMessage message={tokenProblem(check.status)} />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          {check.status === "used" ? (
            <Link href="/auth/sign-in" className="font-semibold text-brand-600 dark:text-brand-300 underline">
              Sign in
            </Link>
          ) : check.status === "username-taken" ? (
            <Link href="/auth/sign-up" className="font-semibold text-brand-600 dark:text-brand-300 underline">
              Sign up again
            </Link>
          ) : (
            <Link href="/auth/confirmation/new" className="font-semibold text-brand-600 dark:text-brand-300 underline">
              Send me a new confirmation link
            </Link>
          )}
        </p>
      </>
    );
  }
  return (
    <>
      <AuthHeading title="Confirm your email address" lead={`One click, and your account @${check.username} is ready to use.`} />
      <TokenActionForm
        action={confirmEmailAction}
        token={token as string}
        submitLabel="Confirm my email address"
        pendingLabel="Confirming…"
      />
    </>
  );
}
