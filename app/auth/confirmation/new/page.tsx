import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { EmailRequestForm } from "@/components/forms/email-request-form";
import { resendConfirmationAction } from "../actions";

export const metadata: Metadata = { title: "Resend confirmation link" };

export default function ResendConfirmationPage() {
  return (
    <>
      <AuthHeading title="Resend confirmation link" lead="Enter the address you signed up with and we will send a new link." />
      <EmailRequestForm action={resendConfirmationAction} submitLabel="Resend confirmation link" />
      <p className="mt-6 text-center text-sm">
        <Link href="/auth/sign-in" className="font-semibold text-brand-600 underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
