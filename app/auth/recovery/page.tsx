import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth-heading";
import { FormMessage } from "@/components/forms/form-message";
import { TokenActionForm } from "@/components/forms/token-action-form";
import { LocalTime } from "@/components/local-time";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { pendingSignInToken } from "@/lib/auth/sign-in";
import { config } from "@/lib/config";
import { openRecoveryRequest, selfServiceRecoveryOn } from "@/lib/recovery/start";
import { startRecoveryAction } from "./actions";
import { BackToSecondStep, SignInLink } from "./links";
import { RECOVERY_OFF, SIGN_IN_FIRST } from "./messages";

export const metadata: Metadata = { title: "Lost access to all your second factors" };

/** Reached from the second sign-in step: starts a recovery request, or says where the open one stands. */
export default async function RecoveryPage() {
  const token = await pendingSignInToken();
  const pending = token ? await findPendingSignIn(token) : null;
  const title = "Lost access to all your second factors?";
  if (!selfServiceRecoveryOn() || !pending) {
    return (
      <>
        <AuthHeading title={title} />
        <FormMessage message={selfServiceRecoveryOn() ? SIGN_IN_FIRST : RECOVERY_OFF} />
        <SignInLink />
      </>
    );
  }
  const open = await openRecoveryRequest(pending.user.id);
  if (open) {
    return (
      <>
        <AuthHeading title="Your recovery request is open" />
        <FormMessage
          tone="info"
          message={
            open.state === "approved"
              ? "An administrator approved it: you can finish it now."
              : "We emailed the account's address a link that finishes it once the wait is over, and a link to cancel it."
          }
        />
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          {open.state === "approved" ? (
            "Open the link from the email in this browser."
          ) : (
            <>
              Wait until <LocalTime date={open.readyAt} />, then sign in with your password and open the link in this browser.
            </>
          )}{" "}
          Signing in with any second factor cancels the request.
        </p>
        <BackToSecondStep />
      </>
    );
  }
  const hours = config().selfServiceRecovery.waitSeconds / 3600;
  return (
    <>
      <AuthHeading
        title={title}
        lead={
          <>
            If you have no authenticator app, security key, passkey or backup code left, you can ask to turn two-factor authentication off.
            We email a link to the account&apos;s address and wait {hours} {hours === 1 ? "hour" : "hours"}, during which the account&apos;s
            owner can cancel the request and administrators can approve or deny it.
          </>
        }
      />
      <p className="mb-6 text-slate-700 dark:text-slate-300">
        After the wait, sign in with your password, open the link, and set up two-factor authentication again.
      </p>
      <TokenActionForm action={startRecoveryAction} submitLabel="Start a recovery request" pendingLabel="Starting…" />
      <BackToSecondStep />
    </>
  );
}
