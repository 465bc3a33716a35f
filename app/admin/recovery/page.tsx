import type { Metadata } from "next";
import Link from "next/link";
import { WideTable } from "@/components/wide-table";
import { LocalTime } from "@/components/local-time";
import { PageTitle, Panel } from "@/components/panel";
import { listOpenRecoveryRequests } from "@/lib/admin/recovery";
import { requireAdmin } from "@/lib/admin/require-admin";
import { describeBrowser } from "@/lib/display/browser";
import { AllAccountsLink } from "../all-accounts-link";

export const metadata: Metadata = { title: "Recovery requests" };

const SHOWN = 500;

/** Open self-service recovery requests, oldest first; each account's page approves or denies its own. */
export default async function RecoveryRequestsPage() {
  await requireAdmin();
  const requests = await listOpenRecoveryRequests({ take: SHOWN });
  return (
    <>
      <AllAccountsLink />
      <PageTitle
        title="Recovery requests"
        lead="Users who lost every second factor. Two-factor authentication turns off when they finish, after the wait or once approved; the account's page approves or denies."
      />
      <Panel title="Open requests">
        {requests.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">No open recovery request.</p>
        ) : (
          <WideTable label="Open recovery requests" hideCueFrom="sm">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="recovery-requests">
              <caption className="sr-only">Open recovery requests</caption>
              <thead className="text-slate-500 dark:text-slate-400">
                <tr>
                  <th className="px-5 py-2 font-medium sm:px-2">Username</th>
                  <th className="px-2 py-2 font-medium">Started</th>
                  <th className="px-2 py-2 font-medium">From</th>
                  <th className="px-2 py-2 font-medium">Finishes from</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {requests.map((request) => (
                  <tr key={request.id}>
                    <td className="px-5 py-2 font-medium sm:px-2">
                      <Link href={`/admin/users/${request.user.id}`} className="text-brand-700 dark:text-brand-300 underline">
                        @{request.user.username}
                      </Link>
                    </td>
                    <td className="px-2 py-2">
                      <LocalTime date={request.createdAt} />
                    </td>
                    <td className="px-2 py-2">
                      {describeBrowser(request.userAgent)}, {request.ip ?? "unknown address"}
                    </td>
                    <td className="px-2 py-2">{request.state === "approved" ? "Approved" : <LocalTime date={request.readyAt} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        )}
      </Panel>
    </>
  );
}
