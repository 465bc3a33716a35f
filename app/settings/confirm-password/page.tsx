import type { Metadata } from "next";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/next-path";
import { hasUsablePasskey } from "@/lib/passkeys/confirmation";
import { ConfirmPasswordForm, ConfirmWithAuthenticatorForm, ConfirmWithPasskeyForm } from "./confirm-password-form";

export const metadata: Metadata = { title: "Confirm it's you" };

export default async function ConfirmPasswordPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { user } = await requireSession({ twoFactorSetup: true });
  const next = safeNextPath((await searchParams).next);
  return (
    <>
      <PageTitle
        title="Confirm it's you"
        lead="You are about to change a security setting. For the next 15 minutes you will not be asked again."
      />
      <Panel title="Your password">
        <ConfirmPasswordForm next={next} />
      </Panel>
      {user.totpEnabledAt ? (
        <Panel title="Or use your authenticator app">
          <ConfirmWithAuthenticatorForm next={next} />
        </Panel>
      ) : null}
      {(await hasUsablePasskey(user.id)) ? (
        <Panel title="Or use a passkey">
          <ConfirmWithPasskeyForm next={next} />
        </Panel>
      ) : null}
    </>
  );
}
