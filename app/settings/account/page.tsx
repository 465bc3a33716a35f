import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { Facts, PageTitle, Panel } from "@/components/panel";
import { BackupCodesCheckupNotice } from "@/components/backup-codes-checkup-notice";
import { requireSession } from "@/lib/auth/current-user";
import { backupCodesCheckup } from "@/lib/backup-codes/checkup";
import { LocalTime } from "@/components/local-time";
import { COLOR_SCHEMES } from "@/lib/appearance/color-scheme";
import { config } from "@/lib/config";
import { twoFactorSummary } from "@/lib/two-factor/summary";
import { ChangePasswordForm } from "./change-password-form";
import { ColorSchemeForm } from "./color-scheme-form";

export const metadata: Metadata = { title: "Account" };

const ROLE_NAMES = { USER: "User", ADMIN: "Admin", OWNER: "Owner" } as const;

const NOTICES: Record<string, string> = {
  "email-changed": "Your email address was changed. Your previous address was told.",
};

const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2.5 font-semibold text-slate-800 dark:text-slate-200 shadow-sm hover:bg-slate-50 dark:hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { user } = await requireSession();
  const notice = NOTICES[(await searchParams).notice ?? ""];
  const checkup = await backupCodesCheckup(user);
  const twoFactor = await twoFactorSummary(user, config().allowEmailCodes);
  return (
    <>
      <PageTitle title="Account" lead="Your sign-in details." />
      {notice ? (
        <div className="mb-6">
          <FormMessage tone="success" message={notice} />
        </div>
      ) : null}
      <BackupCodesCheckupNotice {...checkup} />
      <Panel title="Profile">
        <Facts
          rows={[
            ["Username", `@${user.username}`],
            ["Email address", user.email],
            ["Email confirmed", user.emailConfirmedAt ? <LocalTime date={user.emailConfirmedAt} /> : "Not yet"],
            ["Role", ROLE_NAMES[user.role]],
            ["Member since", <LocalTime key="member-since" date={user.createdAt} />],
          ]}
        />
        <div className="mt-4">
          <Link href="/settings/account/email" className={secondaryButtonClass}>
            Change email address
          </Link>
        </div>
      </Panel>
      <Panel title="Change password">
        <ChangePasswordForm email={user.email} />
      </Panel>
      <Panel title="Two-factor Authentication">
        <Facts
          rows={[
            ["Status", twoFactor.enabled ? "On" : "Off"],
            ...(twoFactor.enabled
              ? ([
                  ["Methods", twoFactor.methods.join(", ")],
                  [
                    "Backup codes remaining",
                    twoFactor.backupCodesUnsaved
                      ? `${twoFactor.backupCodesRemaining}, never confirmed saved`
                      : String(twoFactor.backupCodesRemaining),
                  ],
                ] as [string, React.ReactNode][])
              : []),
          ]}
        />
        <div className="mt-4 flex flex-wrap gap-3">
          {twoFactor.enabled ? (
            <Link href="/settings/two-factor/backup-codes" className={secondaryButtonClass}>
              Regenerate codes
            </Link>
          ) : null}
          <Link href="/settings/two-factor" className={secondaryButtonClass}>
            {twoFactor.enabled ? "Manage two-factor authentication" : "Set up two-factor authentication"}
          </Link>
        </div>
      </Panel>
      <Panel title="Appearance">
        <p className="mb-4 text-slate-700 dark:text-slate-300">Light or dark pages. System follows the setting of the device you use.</p>
        <ColorSchemeForm current={user.colorScheme} options={COLOR_SCHEMES} />
      </Panel>
    </>
  );
}
