import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { EmailRequestForm } from "@/components/forms/email-request-form";
import { requestPasswordResetAction } from "../actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function RequestPasswordResetPage() {
  return (
    <>
      <AuthHeading title="Forgot your password?" lead="Enter the address of your account and we will email you a link to choose a new password." />
      <EmailRequestForm action={requestPasswordResetAction} submitLabel="Send me reset instructions" />
      <p className="mt-6 text-center text-sm">
        <Link href="/auth/sign-in" className="font-semibold text-brand-600 underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
