import type { Metadata } from "next";
import { EmailRequestPage } from "@/components/email-request-page";
import { requestPasswordResetAction } from "../actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function RequestPasswordResetPage() {
  return (
    <EmailRequestPage
      title="Forgot your password?"
      lead="Enter the address of your account and we will email you a link to choose a new password."
      action={requestPasswordResetAction}
      submitLabel="Send me reset instructions"
    />
  );
}
