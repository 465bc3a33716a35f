"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CodeField } from "@/components/forms/code-field";
import { useSessionExchange } from "@/components/use-session-exchange";
import { initialFormState } from "@/lib/forms/form-state";
import { sendEmailCodeAction, verifyAuthenticatorAction, verifyBackupCodeAction, verifyEmailCodeAction } from "./actions";
import { RestartNotice } from "./restart-notice";

const METHODS = {
  authenticator: {
    action: verifyAuthenticatorAction,
    label: "Authentication code",
    hint: "Open your authenticator app and type the 6-digit code it shows for this account.",
    kind: "authenticator" as const,
  },
  "backup-code": {
    action: verifyBackupCodeAction,
    label: "Backup code",
    hint: "One of the ten codes you saved when you set up two-factor authentication. Each works once.",
    kind: "any" as const,
  },
  "email-code": {
    action: verifyEmailCodeAction,
    label: "Code from the email",
    hint: "The 6-digit code we emailed you for this sign-in. It works for 10 minutes.",
    kind: "authenticator" as const,
  },
};

export type CodeMethod = keyof typeof METHODS;

/**
 * `expired` comes from the page. The page renders again after every action (the action changes
 * cookies), by which time a finished sign-in's pending state is gone: the form keeps showing its own
 * state then, rather than the page's.
 */
export function TwoFactorForm({
  next,
  expired,
  method,
  sentMessage,
}: {
  next: string;
  expired: boolean;
  method: CodeMethod;
  /** The email-code form opened by "Email me a code" elsewhere on the page, which sent one already. */
  sentMessage?: string;
}) {
  const { action, ...field } = METHODS[method];
  const [state, formAction] = useActionState(action, initialFormState);
  const [sendState, sendAction] = useActionState(sendEmailCodeAction, initialFormState);
  const { exchanging, failed } = useSessionExchange(state, next);

  if (state.fieldErrors?.restart || sendState.fieldErrors?.restart || (expired && state.status === "idle")) {
    return <RestartNotice next={next} message={state.message ?? sendState.message} />;
  }
  return (
    <div className="space-y-5">
      {method === "email-code" ? (
        <form action={sendAction} className="space-y-3">
          {sendState.status === "idle" && sentMessage ? (
            <FormMessage message={sentMessage} tone="success" />
          ) : (
            <FormMessage message={sendState.message} tone={sendState.status === "success" ? "success" : "error"} />
          )}
          <SubmitButton pendingLabel="Sending…" variant="secondary">
            {sendState.status === "success" || sentMessage ? "Email me a new code" : "Email me a code"}
          </SubmitButton>
        </form>
      ) : null}
      <form action={formAction} noValidate className="space-y-5">
        <FormMessage message={failed ? "Sign-in could not be completed. Please try again." : state.message} />
        <CodeField
          label={field.label}
          kind={field.kind}
          error={state.fieldErrors?.code}
          hint={field.hint}
          autoFocus={method !== "email-code" || sentMessage !== undefined}
        />
        <SubmitButton pendingLabel="Checking…">{exchanging ? "Signing in…" : "Verify"}</SubmitButton>
      </form>
    </div>
  );
}
