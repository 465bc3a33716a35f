import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { LOW_CODES_WARNING, remainingBackupCodes } from "@/lib/backup-codes/codes";
import { codesOwner } from "@/lib/backup-codes/sheet";
import { config } from "@/lib/config";
import { LocalTime } from "@/components/local-time";
import { inSudoMode } from "@/lib/sessions/sudo";
import { DisableForm } from "./disable-form";
import { EmailCodesForm } from "./email-codes-form";
import { KeysPanel } from "./security-keys/keys-panel";

export const metadata: Metadata = { title: "Two-factor Authentication" };

const NOTICES: Record<string, string> = {
  enabled: "Two-factor authentication is on. Next time you sign in, you will be asked for your second factor.",
  "authenticator-added": "Your authenticator app is set up. Its codes now work as the second step, beside your security keys.",
  disabled: "Two-factor authentication is off.",
  "backup-code-used": "You signed in with a backup code. That code no longer works.",
  "codes-saved": "Setup complete: your new backup codes are saved.",
};

const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300";

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { user, session } = await requireSession();
  const notice = NOTICES[(await searchParams).notice ?? ""];
  const enabled = user.twoFactorEnabledAt !== null;
  const sudo = inSudoMode(session);
  const remaining = enabled ? await remainingBackupCodes(user.id) : 0;
  const confirmLink = (label: string) => (
    <Link href="/settings/confirm-password?next=/settings/two-factor" className={buttonClass}>
      {label}
    </Link>
  );
  return (
    <>
      <PageTitle
        title="Two-factor Authentication"
        lead="A second step at sign-in, so that a stolen password alone does not open your account."
      />
      {notice ? (
        <div className="mb-6">
          <FormMessage tone="success" message={notice} />
        </div>
      ) : null}
      <Panel title="Status">
        <p className="flex flex-wrap items-center gap-2 text-slate-800 dark:text-slate-200">
          {enabled ? (
            <>
              <span className="rounded-full bg-emerald-100 dark:bg-emerald-900 px-2.5 py-0.5 text-sm font-semibold text-emerald-800 dark:text-emerald-200">
                On
              </span>
              {/* One item of the flex row: on its own, the full stop would be an item too, a gap away from the time. */}
              <span>
                Since <LocalTime date={user.twoFactorEnabledAt as Date} />.
              </span>
            </>
          ) : (
            <>
              <span className="rounded-full bg-slate-200 dark:bg-slate-700 px-2.5 py-0.5 text-sm font-semibold text-slate-700 dark:text-slate-300">
                Off
              </span>
              <span>Add an authenticator app or a security key to turn it on.</span>
            </>
          )}
        </p>
      </Panel>
      <Panel title="Authenticator app">
        {user.totpEnabledAt ? (
          <p className="text-slate-800 dark:text-slate-200">
            Set up on <LocalTime date={user.totpEnabledAt} />. Signing in can ask for the 6-digit code it shows.
          </p>
        ) : (
          <div className="space-y-4">
            <p className="text-slate-700 dark:text-slate-300">
              An app on your phone (such as Aegis, Google Authenticator or 1Password) that shows a new code every 30 seconds.
            </p>
            <Link href="/settings/two-factor/setup" className={buttonClass}>
              Set up authenticator app
            </Link>
          </div>
        )}
      </Panel>
      <KeysPanel userId={user.id} sudo={sudo} codesOwner={codesOwner(config().appName, config().appUrl, user)} />
      {enabled ? (
        <Panel title="Backup codes">
          <p className="text-slate-800 dark:text-slate-200">
            Backup codes remaining: <strong data-testid="backup-codes-remaining">{remaining}</strong>
          </p>
          {user.backupCodesUnsavedSince ? (
            <p
              role="alert"
              className="mt-3 rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950 px-3 py-2.5 text-amber-900 dark:text-amber-200"
            >
              Your newest backup codes were never confirmed saved (made <LocalTime date={user.backupCodesUnsavedSince} />
              ). If you do not have a copy of them, regenerate them now.
            </p>
          ) : remaining <= LOW_CODES_WARNING ? (
            <p className="mt-3 rounded-md border border-amber-200 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 px-3 py-2.5 text-amber-900 dark:text-amber-200">
              {remaining === 0 ? "You have no backup codes left." : `Only ${remaining} left.`} Generate a new set so that you can still sign
              in if you lose your phone or key.
            </p>
          ) : null}
          <Link href="/settings/two-factor/backup-codes" className={`${buttonClass} mt-4`}>
            Regenerate codes
          </Link>
        </Panel>
      ) : null}
      {enabled && config().allowEmailCodes ? (
        <Panel title="Codes by email">
          <p className="mb-4 text-slate-700 dark:text-slate-300">
            {user.emailCodesEnabled
              ? "On: when you sign in, you can ask for a code by email instead of using your app or key."
              : "Off. As a fallback, you can let sign-in send a code to your email address. Anyone who can read your email could then use it, so keep it off if you can."}
          </p>
          {sudo ? <EmailCodesForm enabled={user.emailCodesEnabled} /> : confirmLink("Confirm your password to change this")}
        </Panel>
      ) : null}
      {enabled ? (
        <Panel title="Turn off two-factor authentication">
          <p className="mb-4 text-slate-700 dark:text-slate-300">
            Removes your authenticator app, security keys and backup codes: your account will be protected by your password alone. You will
            be emailed about the change.
          </p>
          {sudo ? <DisableForm hasApp={user.totpEnabledAt !== null} /> : confirmLink("Confirm your password to disable")}
        </Panel>
      ) : null}
    </>
  );
}
