import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { findResetAccount } from "@/lib/password-reset/reset";
import { resetLinkProblem } from "../token-problem";
import { ResetPasswordForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password" };

/** Opening the link shows the form; the token is used only by a successful submission. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const found = typeof token === "string" ? await findResetAccount(token) : { status: "unknown" as const };

  if (found.status !== "valid") {
    return (
      <>
        <AuthHeading title="Choose a new password" />
        <FormMessage message={resetLinkProblem(found.status)} />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          <Link href="/auth/password/new" className="font-semibold text-brand-600 dark:text-brand-300 underline">
            Send me a new reset link
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <AuthHeading title="Choose a new password" lead={<>For @{found.user.username}. You will then be signed out everywhere.</>} />
      <ResetPasswordForm token={token as string} email={found.user.email} />
    </>
  );
}
