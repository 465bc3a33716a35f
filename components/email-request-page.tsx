import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { EmailRequestForm } from "@/components/forms/email-request-form";
import type { FormState } from "@/lib/forms/form-state";

/** A signed-out "send me a link at this address" page: heading, the form, and the way back to sign in. */
export function EmailRequestPage({
  title,
  lead,
  action,
  submitLabel,
}: {
  title: string;
  lead: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
}) {
  return (
    <>
      <AuthHeading title={title} lead={lead} />
      <EmailRequestForm action={action} submitLabel={submitLabel} />
      <p className="mt-6 text-center text-sm">
        <Link href="/auth/sign-in" className="font-semibold text-brand-600 dark:text-brand-300 underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
