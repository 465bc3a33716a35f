import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { LOW_CODES_WARNING, remainingBackupCodes } from "@/lib/backup-codes/codes";
import { formatDateTime } from "@/lib/format";
import { inSudoMode } from "@/lib/sessions/sudo";
import { DisableForm } from "./disable-form";

export const metadata: Metadata = { title: "Two-factor Authentication" };

const NOTICES: Record<string, string> = {
  enabled: "Two-factor authentication is on. Next time you sign in, you will be asked for a code from your app.",
  disabled: "Two-factor authentication is off.",
  "backup-code-used": "You signed in with a backup code. That code no longer works.",
  "codes-saved": "Setup complete: your new backup codes are saved.",
};

const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { user, session } = await requireSession();
  const notice = NOTICES[(await searchParams).notice ?? ""];
  const enabled = user.totpEnabledAt !== null;
  const remaining = enabled ? await remainingBackupCodes(user.id) : 0;
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
        {enabled ? (
          <p className="flex flex-wrap items-center gap-2 text-slate-800">
            <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-sm font-semibold text-emerald-800">On</span>
            Authenticator app, since {formatDateTime(user.totpEnabledAt as Date)}.
          </p>
        ) : (
          <div className="space-y-4">
            <p className="flex flex-wrap items-center gap-2 text-slate-800">
              <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-sm font-semibold text-slate-700">Off</span>
              Two-factor authentication is not set up for this account.
            </p>
            <Link href="/settings/two-factor/setup" className={buttonClass}>
              Set up authenticator app
            </Link>
          </div>
        )}
      </Panel>
      {enabled ? (
        <Panel title="Backup codes">
          <p className="text-slate-800">
            Backup codes remaining: <strong data-testid="backup-codes-remaining">{remaining}</strong>
          </p>
          {remaining <= LOW_CODES_WARNING ? (
            <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-amber-900">
              {remaining === 0 ? "You have no backup codes left." : `Only ${remaining} left.`} Generate a new set so that you can still
              sign in if you lose your phone.
            </p>
          ) : null}
          <Link href="/settings/two-factor/backup-codes" className={`${buttonClass} mt-4`}>
            Regenerate codes
          </Link>
        </Panel>
      ) : null}
      {enabled ? (
        <Panel title="Turn off two-factor authentication">
          <p className="mb-4 text-slate-700">Your account will be protected by your password alone. You will be emailed about the change.</p>
          {inSudoMode(session) ? (
            <DisableForm />
          ) : (
            <Link href="/settings/confirm-password?next=/settings/two-factor" className={buttonClass}>
              Confirm your password to disable
            </Link>
          )}
        </Panel>
      ) : null}
    </>
  );
}
