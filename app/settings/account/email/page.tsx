import type { Metadata } from "next";
import { EmailRequestForm } from "@/components/forms/email-request-form";
import { Facts, PageTitle, Panel } from "@/components/panel";
import { requireSudo } from "@/lib/auth/current-user";
import { requestEmailChangeAction } from "./actions";

export const metadata: Metadata = { title: "Change email address" };

export default async function ChangeEmailPage() {
  const { user } = await requireSudo("/settings/account/email");
  return (
    <>
      <PageTitle title="Change email address" lead="Sign-in, password resets and security notices use this address." />
      <Panel title="Current address">
        <Facts rows={[["Email address", user.email]]} />
      </Panel>
      <Panel title="New address">
        <div className="max-w-md">
          <EmailRequestForm
            action={requestEmailChangeAction}
            label="New email address"
            hint="We will email a link to the new address. Your address changes when you open it while signed in."
            submitLabel="Send confirmation link"
          />
        </div>
      </Panel>
    </>
  );
}
