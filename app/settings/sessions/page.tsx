import type { Metadata } from "next";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { describeBrowser } from "@/lib/sessions/describe-browser";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const { user, session: current } = await requireSession();
  const sessions = await db().session.findMany({
    where: { userId: user.id, activatedAt: { not: null }, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
  });
  return (
    <>
      <PageTitle title="Sessions" lead="The browsers where you are signed in." />
      <Panel title="Active sessions">
        <ul className="divide-y divide-slate-100">
          {sessions.map((session) => (
            <li key={session.id} className="py-3">
              <p className="font-medium break-words text-slate-900">
                {describeBrowser(session.userAgent)}
                {session.id === current.id ? (
                  <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-700">This device</span>
                ) : null}
              </p>
              <p className="text-sm text-slate-600">
                {session.ip ?? "Unknown address"} · signed in {formatDateTime(session.activatedAt ?? session.createdAt)} · last active{" "}
                {formatDateTime(session.lastSeenAt)}
              </p>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}
