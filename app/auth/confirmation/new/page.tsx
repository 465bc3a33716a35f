import type { Metadata } from "next";
import { EmailRequestPage } from "@/components/email-request-page";
import { resendConfirmationAction } from "../actions";

export const metadata: Metadata = { title: "Resend confirmation link" };

export default function ResendConfirmationPage() {
  return (
    <EmailRequestPage
      title="Resend confirmation link"
      lead="Enter the address you signed up with and we will send a new link."
      action={resendConfirmationAction}
      submitLabel="Resend confirmation link"
    />
  );
}
