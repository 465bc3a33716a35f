import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { BackupCodesCheckupNotice } from "@/components/backup-codes-checkup-notice";
import { backupCodesCheckup } from "@/lib/backup-codes/checkup";
import { codesOwner } from "@/lib/backup-codes/sheet";
import { config } from "@/lib/config";
import { LocalTime } from "@/components/local-time";
import { countPasskeys } from "@/lib/security-keys/manage";
import { inSudoMode } from "@/lib/sessions/sudo";
import { isTwoFactorRequired } from "@/lib/two-factor-policy/requirement";
import { CheckCodeForm } from "./check-code-form";
import { CheckupEmailsForm } from "./checkup-emails-form";
import { DisableForm } from "./disable-form";
import { EmailCodesForm } from "./email-codes-form";
import { PasskeysPanel } from "./passkeys/passkeys-panel";
import { KeysPanel } from "./security-keys/keys-panel";

export const metadata: Metadata = { title: "Two-factor Authentication" };

const NOTICES: Record<string, string> = {
  enabled: "Two-factor authentication is on. Next time you sign in, you will be asked for your second factor.",
  "authenticator-added": "Your authenticator app is set up. Its codes now work as the second step, beside your security keys.",
  disabled: "Two-factor authentication is off.",
  "backup-code-used": "You signed in with a backup code. That code no longer works.",
  "codes-saved": "Setup complete: your new backup codes are saved.",
  "codes-regenerated": "Your new backup codes are ready. Check one of them below from your saved copy: checking does not use it up.",
};

const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300";

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { user, session } = await requireSession({ twoFactorSetup: true });
  const noticeName = (await searchParams).notice ?? "";
  const notice = NOTICES[noticeName];
  const enabled = user.twoFactorEnabledAt !== null;
  const sudo = inSudoMode(session);
  const required = isTwoFactorRequired(user, config().twoFactorRequirement);
  const checkup = await backupCodesCheckup(user);
  const { remaining } = checkup;
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
      <BackupCodesCheckupNotice {...checkup} />
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
      <PasskeysPanel
        userId={user.id}
        sudo={sudo}
        codesOwner={codesOwner(config().appName, config().appUrl, user)}
        allowed={config().allowPasskeys}
      />
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
          ) : null}
          <p className="mt-3 text-slate-700 dark:text-slate-300">
            {user.backupCodesConfirmedAt ? (
              <>
                Last confirmed: <LocalTime date={user.backupCodesConfirmedAt} />.
              </>
            ) : (
              "Not confirmed yet: check one of your codes to be sure your saved copy works."
            )}
          </p>
          <Link href="/settings/two-factor/backup-codes" className={`${buttonClass} mt-4`}>
            Regenerate codes
          </Link>
          <section
            id="check-backup-code"
            aria-labelledby="check-code-heading"
            className="mt-6 border-t border-slate-200 dark:border-slate-700 pt-5"
          >
            <h3 id="check-code-heading" className="mb-2 font-semibold text-slate-900 dark:text-slate-100">
              Check a code
            </h3>
            <p className="mb-4 text-slate-700 dark:text-slate-300">Make sure your saved codes work, without using one up.</p>
            {sudo ? (
              <CheckCodeForm invited={noticeName === "codes-regenerated"} />
            ) : (
              <Link href="/settings/confirm-password?next=/settings/two-factor%23check-backup-code" className={buttonClass}>
                Confirm your password to check a code
              </Link>
            )}
          </section>
          <section aria-labelledby="checkup-emails-heading" className="mt-6 border-t border-slate-200 dark:border-slate-700 pt-5">
            <h3 id="checkup-emails-heading" className="mb-2 font-semibold text-slate-900 dark:text-slate-100">
              Check-up emails
            </h3>
            <p className="mb-4 text-slate-700 dark:text-slate-300">
              {user.backupCheckupEmails
                ? `On: you are emailed once when your codes were last confirmed over ${Math.round(config().backupCodesCheckupSeconds / 86400)} days ago, and once when three or fewer are left.`
                : "Off: the check-up shows on this page and on your Account page only."}
            </p>
            {sudo ? <CheckupEmailsForm enabled={user.backupCheckupEmails} /> : confirmLink("Confirm your password to change this")}
          </section>
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
      {enabled && required ? (
        <Panel title="Turn off two-factor authentication">
          <p className="text-slate-700 dark:text-slate-300" data-testid="two-factor-required">
            Two-factor authentication is required for your account, so it cannot be turned off. You can replace a factor: add the new one,
            then remove the old one.
          </p>
        </Panel>
      ) : enabled ? (
        <Panel title="Turn off two-factor authentication">
          <p className="mb-4 text-slate-700 dark:text-slate-300">
            Removes your authenticator app, security keys and backup codes: your account will be protected by your password alone. Your
            passkeys stay: they still sign in without a password (remove them above if you do not want that). You will be emailed about the
            change.
          </p>
          {sudo ? (
            <DisableForm hasApp={user.totpEnabledAt !== null} passkeys={await countPasskeys(user.id)} />
          ) : (
            confirmLink("Confirm your password to disable")
          )}
        </Panel>
      ) : null}
    </>
  );
}
