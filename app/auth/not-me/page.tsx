import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { TokenActionForm } from "@/components/forms/token-action-form";
import { checkLockdownLink } from "@/lib/lockdown/lock-down";
import { linkTokenFromQuery } from "@/lib/tokens/link-token";
import { lockDownAction } from "./actions";
import { lockdownLinkProblem } from "./link-problem";

export const metadata: Metadata = { title: "This wasn't me" };

/**
 * The "This wasn't me" link of a security email. No sign-in needed (the owner may be locked out, the
 * attacker signed in); opening it only shows the button, so that a mail scanner fetching it does nothing.
 */
export default async function NotMePage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; done?: string }> }) {
  const { token, done } = await searchParams;
  if (done === "1") {
    return (
      <>
        <AuthHeading title="Your account is locked down" />
        <FormMessage
          tone="success"
          message="Every session was signed out and sign-ins in progress were stopped. We emailed you a link to choose a new password: no one can sign in before that."
        />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          Your two-factor authentication settings are unchanged. Once you are back in, review your security log and your backup codes.
        </p>
      </>
    );
  }
  const tokenText = linkTokenFromQuery(token);
  const link = await checkLockdownLink(tokenText);
  if (link.status !== "valid") {
    return (
      <>
        <AuthHeading title="This wasn't me" />
        <FormMessage message={lockdownLinkProblem(link.status)} />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          <Link href="/auth/password/new" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            Reset your password instead
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <AuthHeading
        title="This wasn't me"
        lead={
          <>
            Lock down @{link.username}? Every session of the account is signed out at once, sign-ins in progress and email-address changes
            are stopped, and no one can sign in until the password is reset with a link we email to the account&apos;s address. Two-factor
            authentication stays as it is.
          </>
        }
      />
      <TokenActionForm
        action={lockDownAction}
        token={tokenText}
        submitLabel="Sign out everywhere and lock my account"
        pendingLabel="Locking…"
      />
    </>
  );
}
