import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { TokenActionForm } from "@/components/forms/token-action-form";
import { getCurrentSession, redirectPastTwoFactorDeadline } from "@/lib/auth/current-user";
import { checkEmailChangeLink } from "@/lib/email-change/confirm";
import { confirmEmailChangeAction } from "./actions";
import { emailChangeLinkProblem } from "./link-problem";
import { linkTokenFromQuery } from "@/lib/tokens/link-token";

export const metadata: Metadata = { title: "Confirm your new email address" };

/**
 * The link mailed to a new address. Only its account's owner, signed in, can use it; opening it only
 * shows a button (the POST uses it), so that a mail scanner fetching the link changes nothing.
 */
export default async function EmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const tokenText = linkTokenFromQuery(token);
  const current = await getCurrentSession();
  if (!current) redirect(`/auth/sign-in?next=${encodeURIComponent(`/auth/email-change?token=${encodeURIComponent(tokenText)}`)}`);
  await redirectPastTwoFactorDeadline();
  const link = await checkEmailChangeLink(current.user.id, tokenText);
  if (link.status !== "valid") {
    return (
      <>
        <AuthHeading title="Confirm your new email address" />
        <FormMessage message={emailChangeLinkProblem(link.status)} />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          <Link href="/settings/account" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            Back to your account
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <AuthHeading
        title="Confirm your new email address"
        lead={
          <>
            Use <strong className="break-all">{link.email}</strong> as the email address of @{current.user.username}? Your current address,{" "}
            <span className="break-all">{current.user.email}</span>, will be told.
          </>
        }
      />
      <TokenActionForm action={confirmEmailChangeAction} token={tokenText} submitLabel="Use this email address" pendingLabel="Changing…" />
    </>
  );
}
