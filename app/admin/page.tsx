import type { Metadata } from "next";
import { PageTitle, Panel } from "@/components/panel";
import { requireAdmin } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  await requireAdmin();
  const [total, users] = await Promise.all([
    db().user.count(),
    db().user.findMany({ orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  return (
    <>
      <PageTitle title="Administration" lead={`${total} ${total === 1 ? "account" : "accounts"} on this server.`} />
      <Panel title="Newest accounts">
        <div className="-mx-5 overflow-x-auto sm:mx-0">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="px-5 py-2 font-medium sm:px-2">Username</th>
                <th className="px-2 py-2 font-medium">Email</th>
                <th className="px-2 py-2 font-medium">Confirmed</th>
                <th className="px-2 py-2 font-medium">Last sign-in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <td className="px-5 py-2 font-medium sm:px-2">@{user.username}</td>
                  <td className="px-2 py-2 break-all">{user.email}</td>
                  <td className="px-2 py-2">{user.emailConfirmedAt ? "Yes" : "No"}</td>
                  <td className="px-2 py-2">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </>
  );
}
