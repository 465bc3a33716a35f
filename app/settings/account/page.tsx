import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { Facts, PageTitle, Panel } from "@/components/panel";
import { BackupCodesCheckupNotice } from "@/components/backup-codes-checkup-notice";
import { requireSession } from "@/lib/auth/current-user";
import { backupCodesCheckup } from "@/lib/backup-codes/checkup";
import { LocalTime } from "@/components/local-time";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Account" };

const ROLE_NAMES = { USER: "User", ADMIN: "Admin", OWNER: "Owner" } as const;

const NOTICES: Record<string, string> = {
  "email-changed": "Your email address was changed. Your previous address was told.",
};

const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2.5 font-semibold text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { user } = await requireSession();
  const notice = NOTICES[(await searchParams).notice ?? ""];
  const checkup = await backupCodesCheckup(user);
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
    </>
  );
}
