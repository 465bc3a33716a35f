import type { Metadata } from "next";
import Link from "next/link";
import { WideTable } from "@/components/wide-table";
import { LocalTime } from "@/components/local-time";
import { PageTitle, Panel } from "@/components/panel";
import { requireAdmin } from "@/lib/admin/require-admin";
import { accountsRequiredWithoutTwoFactor, describeTwoFactorPolicy } from "@/lib/admin/two-factor-requirement";
import { AllAccountsLink } from "../all-accounts-link";

export const metadata: Metadata = { title: "Two-factor requirement" };

const SHOWN = 500;

/** The policy, and the accounts it (or an administrator) requires two-factor authentication of that have none, soonest deadline first. */
export default async function TwoFactorRequirementPage() {
  await requireAdmin();
  const withoutTwoFactor = await accountsRequiredWithoutTwoFactor({ take: SHOWN });
  return (
    <>
      <AllAccountsLink />
      <PageTitle title="Two-factor requirement" lead={describeTwoFactorPolicy()} />
      <Panel title="Required, not set up yet">
        {withoutTwoFactor.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">Every account it is required of has it.</p>
        ) : (
          <WideTable label="Required accounts without two-factor authentication" hideCueFrom="sm">
            <table className="w-full min-w-[28rem] text-left text-sm" data-testid="accounts-without-two-factor">
              <caption className="sr-only">Required accounts without two-factor authentication</caption>
              <thead className="text-slate-500 dark:text-slate-400">
                <tr>
                  <th className="px-5 py-2 font-medium sm:px-2">Username</th>
                  <th className="px-2 py-2 font-medium">Role</th>
                  <th className="px-2 py-2 font-medium">Deadline</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {withoutTwoFactor.map((account) => (
                  <tr key={account.id}>
                    <td className="px-5 py-2 font-medium sm:px-2">
                      <Link href={`/admin/users/${account.id}`} className="text-brand-700 dark:text-brand-300 underline">
                        @{account.username}
                      </Link>
                    </td>
                    <td className="px-2 py-2">
                      {account.role.charAt(0) + account.role.slice(1).toLowerCase()}
                      {account.requiredByAdmin ? ", required by an administrator" : ""}
                    </td>
                    <td className="px-2 py-2">
                      {account.deadline ? <LocalTime date={account.deadline} /> : "Not set yet"}
                      {account.overdue ? <strong className="ml-2 text-red-700 dark:text-red-300">Passed</strong> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        )}
        {withoutTwoFactor.length === SHOWN ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            The first {SHOWN} are shown; <code>npm run accounts -- list --without-2fa</code> lists them all.
          </p>
        ) : null}
      </Panel>
    </>
  );
}
