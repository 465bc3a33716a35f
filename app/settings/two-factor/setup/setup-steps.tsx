"use client";

import { useActionState, useEffect } from "react";
import { BackupCodesPanel } from "@/app/settings/two-factor/backup-codes/backup-codes-panel";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { PageTitle, Panel } from "@/components/panel";
import type { CodesOwner } from "@/lib/backup-codes/sheet";
import { initialFormState } from "@/lib/forms/form-state";
import { confirmSetupAction } from "../actions";

/**
 * The QR code and the confirmation form; once confirmed, the first backup codes in their place, under
 * a title that no longer says to set the app up.
 */
export function SetupSteps({ qrPanel, codesOwner }: { qrPanel: React.ReactNode; codesOwner: CodesOwner }) {
  const [state, formAction] = useActionState(confirmSetupAction, initialFormState);
  useEffect(() => {
    if (state.codes) document.title = document.title.replace(/^[^·]*/, "Save your backup codes ");
  }, [state.codes]);
  if (state.codes) {
    return (
      <>
        <PageTitle
          title="Save your backup codes"
          lead="Your authenticator app is set up. One step left: keep these codes where you can find them."
        />
        <Panel title="Two-factor authentication is on">
          <BackupCodesPanel codes={state.codes} owner={codesOwner} continueHref="/settings/two-factor?notice=enabled" />
        </Panel>
      </>
    );
  }
  return (
    <>
      <PageTitle
        title="Set up an authenticator app"
        lead="Use an app such as Aegis, Google Authenticator, 1Password or Microsoft Authenticator."
      />
      {qrPanel}
      <Panel title="2. Enter the code the app shows">
        <form action={formAction} noValidate className="max-w-sm space-y-5">
          <FormMessage message={state.message} />
          <CodeField
            label="Authentication code"
            error={state.fieldErrors?.code}
            hint="The app shows a new 6-digit code every 30 seconds."
          />
          <SubmitButton pendingLabel="Checking…">Turn on two-factor authentication</SubmitButton>
        </form>
      </Panel>
    </>
  );
}
