import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth-heading";
import { pendingSignInToken } from "@/lib/auth/sign-in";
import { checkFinishLink } from "@/lib/two-factor/finish-recovery";
import { linkTokenFromQuery } from "@/lib/tokens/link-token";
import { FinishRecoveryForm } from "./finish-form";
import { finishProblem } from "./finish-problem";
import { SignInLink } from "../links";

export const metadata: Metadata = { title: "Finish your recovery request" };

/**
 * The link mailed when a recovery request started. It finishes the request only together with a
 * sign-in with the password in this browser, and only after the wait (or an administrator's approval).
 */
export default async function FinishRecoveryPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = linkTokenFromQuery((await searchParams).token);
  const check = await checkFinishLink(token, await pendingSignInToken());
  const ready = check.status === "ready";
  return (
    <>
      <AuthHeading
        title="Finish your recovery request"
        lead={
          ready ? (
            <>
              This turns off two-factor authentication for @{check.username}: the authenticator app, security keys, passkeys, backup codes
              and email codes are removed. You are then signed in and set it up again.
            </>
          ) : undefined
        }
      />
      <FinishRecoveryForm
        token={token}
        problem={ready ? undefined : finishProblem(check)}
        tone={check.status === "waiting" || check.status === "no-sign-in" ? "info" : "error"}
      />
      {ready ? null : <SignInLink />}
    </>
  );
}
