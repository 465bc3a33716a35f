import type { Metadata } from "next";
import Link from "next/link";
import { WideTable } from "@/components/wide-table";
import { Pager } from "@/components/pager";
import { PageTitle, Panel } from "@/components/panel";
import { requireAdmin } from "@/lib/admin/require-admin";
import { searchAccounts } from "@/lib/admin/accounts";
import { countOpenRecoveryRequests } from "@/lib/admin/recovery";
import { countRequiredWithoutTwoFactor, describeTwoFactorPolicy } from "@/lib/admin/two-factor-requirement";
import { TextField } from "@/components/forms/text-field";
import { LocalTime } from "@/components/local-time";

export const metadata: Metadata = { title: "Administration" };

const PAGE_SIZE = 25;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  await requireAdmin();
  const params = await searchParams;
  // Without NULs, which PostgreSQL refuses in text (and no email or username holds).
  const query = (typeof params.q === "string" ? params.q : "")
    .replace(/\u0000/g, "")
    .trim()
    .toLowerCase()
    .slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.page ?? "1", 10) || 1));
  const { total, users } = await searchAccounts({ query, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const withoutTwoFactor = await countRequiredWithoutTwoFactor();
  const openRecoveries = await countOpenRecoveryRequests();
  const pageLink = (target: number) => `/admin?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(target) })}`;

  return (
    <>
      <PageTitle
        title="Administration"
        lead={`${total} ${total === 1 ? "account" : "accounts"}${query ? ` matching “${query}”` : " on this server"}.`}
      />
      <p className="-mt-3 mb-6 text-sm">
        <Link href="/admin/audit" className="font-semibold text-brand-700 dark:text-brand-300 underline">
          Audit log
        </Link>
        {" · "}
        <Link href="/admin/recovery" className="font-semibold text-brand-700 dark:text-brand-300 underline">
          Recovery requests{openRecoveries > 0 ? ` (${openRecoveries} open)` : ""}
        </Link>
      </p>
      <Panel title="Two-factor requirement">
        <p className="mb-4 text-slate-700 dark:text-slate-300" data-testid="two-factor-policy">
          {describeTwoFactorPolicy()} Set by <code>REQUIRE_TWO_FACTOR</code> and <code>REQUIRE_TWO_FACTOR_GRACE_DAYS</code>; require it of
          one more account on its page.
        </p>
        <p>
          <Link href="/admin/two-factor" className="font-semibold text-brand-700 dark:text-brand-300 underline">
            {withoutTwoFactor === 0
              ? "Every account it is required of has it"
              : `${withoutTwoFactor} required ${withoutTwoFactor === 1 ? "account has" : "accounts have"} not set it up yet`}
          </Link>
        </p>
      </Panel>
      <Panel title="Accounts">
        <form role="search" className="mb-4 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <TextField label="Search by email or username" name="q" type="search" defaultValue={query} />
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700">
            Search
          </button>
        </form>
        <WideTable label="Accounts table" hideCueFrom="lg">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="text-slate-500 dark:text-slate-400">
              <tr>
                <th className="px-5 py-2 font-medium sm:px-2">Username</th>
                <th className="px-2 py-2 font-medium">Email</th>
                <th className="px-2 py-2 font-medium">2FA</th>
                <th className="px-2 py-2 font-medium">Confirmed</th>
                <th className="px-2 py-2 font-medium">Last sign-in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {users.map((user) => (
                <tr key={user.id}>
                  <td className="px-5 py-2 font-medium sm:px-2">
                    <Link href={`/admin/users/${user.id}`} className="text-brand-700 dark:text-brand-300 underline">
                      @{user.username}
                    </Link>
                  </td>
                  <td className="px-2 py-2 break-all">{user.email}</td>
                  <td className="px-2 py-2">{user.twoFactorEnabledAt ? "On" : "Off"}</td>
                  <td className="px-2 py-2">{user.emailConfirmedAt ? "Yes" : "No"}</td>
                  <td className="px-2 py-2">{user.lastSignInAt ? <LocalTime date={user.lastSignInAt} /> : "Never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </WideTable>
        <Pager page={page} hasNext={page < pages} href={pageLink} labels={["Previous", "Next"]} summary={`Page ${page} of ${pages}`} />
      </Panel>
    </>
  );
}
