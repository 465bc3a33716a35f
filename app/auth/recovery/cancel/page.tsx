import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { TokenActionForm } from "@/components/forms/token-action-form";
import { checkCancelLink } from "@/lib/recovery/close";
import { linkTokenFromQuery } from "@/lib/tokens/link-token";
import { recoveryLinkProblem } from "../link-problem";
import { cancelRecoveryAction } from "./actions";

export const metadata: Metadata = { title: "Cancel the recovery request" };

/** The cancel link of every email about a recovery request. No sign-in needed; opening it only shows the button. */
export default async function CancelRecoveryPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[]; done?: string }>;
}) {
  const { token, done } = await searchParams;
  if (done === "1") {
    return (
      <>
        <AuthHeading title="The recovery request is cancelled" />
        <FormMessage tone="success" message="Two-factor authentication stays on, and the request's links no longer work." />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          Whoever started it knows your password:{" "}
          <Link href="/auth/password/new" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            reset your password
          </Link>{" "}
          if it was not you.
        </p>
      </>
    );
  }
  const tokenText = linkTokenFromQuery(token);
  const link = await checkCancelLink(tokenText);
  if (link.status !== "valid") {
    return (
      <>
        <AuthHeading title="Cancel the recovery request" />
        <FormMessage message={recoveryLinkProblem(link.status)} />
      </>
    );
  }
  return (
    <>
      <AuthHeading
        title="Cancel the recovery request"
        lead={<>Stop the request to turn off two-factor authentication for @{link.username}? Nothing else changes.</>}
      />
      <TokenActionForm
        action={cancelRecoveryAction}
        token={tokenText}
        submitLabel="Cancel the recovery request"
        pendingLabel="Cancelling…"
      />
    </>
  );
}
