import type { Metadata } from "next";
import Link from "next/link";
import { AuthHeading } from "@/components/auth-heading";
import { safeNextPath } from "@/lib/auth/next-path";
import { findPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { pendingSignInToken } from "@/lib/auth/sign-in";
import { selfServiceRecoveryOn } from "@/lib/recovery/start";
import { countSecurityKeys } from "@/lib/security-keys/manage";
import { EMAIL_CODE_MINUTES, emailCodesAvailable } from "@/lib/two-factor/email-code";
import { SecurityKeyStep } from "./security-key-step";
import { SendEmailCodeButton } from "./send-email-code-button";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

const METHODS = ["security-key", "authenticator", "backup-code", "email-code"] as const;
type Method = (typeof METHODS)[number];

const LINKS: Record<Method, string> = {
  "security-key": "Use your security key",
  authenticator: "Use your authenticator app",
  "backup-code": "Use a backup code",
  "email-code": "Email me a code",
};

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; method?: string; sent?: string }>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const token = await pendingSignInToken();
  const pending = token ? await findPendingSignIn(token) : null;
  const available = pending ? await methodsFor(pending) : [];
  // A key is offered first when there is one: it cannot be phished, unlike a typed code. Without a
  // pending sign-in (expired, or just completed while the page re-renders) the requested method's
  // form stays, and shows its own outcome.
  const method = available.find((candidate) => candidate === params.method) ?? available[0] ?? requested(params.method);
  const methodHref = (other: Method) => `/auth/two-factor?method=${other}&next=${encodeURIComponent(next)}`;

  return (
    <>
      <AuthHeading title="Two-factor authentication" lead="Your account is protected by a second step." />
      {method === "security-key" ? (
        <SecurityKeyStep next={next} expired={!pending} />
      ) : (
        // After a backup code, the user lands where the remaining codes are counted.
        <TwoFactorForm
          key={method}
          method={method}
          next={method === "backup-code" ? "/settings/two-factor?notice=backup-code-used" : next}
          expired={!pending}
          sentMessage={params.sent === "1" ? `We emailed you a code. It works for ${EMAIL_CODE_MINUTES} minutes.` : undefined}
        />
      )}
      <nav aria-label="Other ways to sign in" className="mt-6 space-y-2 text-center text-sm text-slate-600 dark:text-slate-400">
        {available
          .filter((other) => other !== method)
          .map((other) => (
            <div key={other}>
              {other === "email-code" ? (
                <SendEmailCodeButton formHref={methodHref(other)} />
              ) : (
                <Link href={methodHref(other)} className="font-semibold text-brand-600 dark:text-brand-300 underline">
                  {LINKS[other]}
                </Link>
              )}
            </div>
          ))}
        {pending && selfServiceRecoveryOn() ? (
          <p>
            <Link href="/auth/recovery" className="underline">
              Lost access to all your second factors?
            </Link>
          </p>
        ) : null}
        <p>
          <Link href="/auth/sign-in" className="underline">
            Cancel and start over
          </Link>
        </p>
      </nav>
    </>
  );
}

async function methodsFor(pending: PendingSignIn): Promise<Method[]> {
  const keys = await countSecurityKeys(pending.user.id);
  const offered: Record<Method, boolean> = {
    "security-key": keys > 0,
    authenticator: pending.user.totpEnabledAt !== null,
    "backup-code": true,
    "email-code": emailCodesAvailable(pending.user),
  };
  return METHODS.filter((method) => offered[method]);
}

function requested(method: string | undefined): Method {
  return METHODS.find((candidate) => candidate === method) ?? "authenticator";
}
