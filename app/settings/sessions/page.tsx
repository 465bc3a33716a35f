import type { Metadata } from "next";
import { FormMessage } from "@/components/forms/form-message";
import { PageTitle, Panel } from "@/components/panel";
import { requireSession } from "@/lib/auth/current-user";
import { describeBrowser } from "@/lib/display/browser";
import { listActiveSessions } from "@/lib/sessions/sessions";
import { LocalTime } from "@/components/local-time";
import { RevokeOthersButton, RevokeSessionButton } from "./revoke-buttons";

export const metadata: Metadata = { title: "Sessions" };

const NOTICES: Record<string, string> = {
  revoked: "That session is signed out.",
  "revoked-others": "All other sessions are signed out.",
};

export default async function SessionsPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { user, session: current } = await requireSession();
  const notice = NOTICES[(await searchParams).notice ?? ""];
  const sessions = await listActiveSessions(user.id);
  const others = sessions.filter((session) => session.id !== current.id);
  return (
    <>
      <PageTitle title="Sessions" lead="The browsers where you are signed in. Sign out of any you do not recognise." />
      {notice ? (
        <div className="mb-6">
          <FormMessage tone="success" message={notice} />
        </div>
      ) : null}
      <Panel title="Active sessions">
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Active sessions">
          {sessions.map((session) => {
            const browser = describeBrowser(session.userAgent);
            return (
              <li key={session.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium break-words text-slate-900 dark:text-slate-100">
                    {browser}
                    {session.id === current.id ? (
                      <span className="ml-2 rounded-full bg-brand-100 dark:bg-brand-900 px-2 py-0.5 text-xs font-semibold text-brand-700 dark:text-brand-300">
                        This device
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {session.ip ?? "Unknown address"} · signed in <LocalTime date={session.activatedAt ?? session.createdAt} /> · last
                    active <LocalTime date={session.lastSeenAt} />
                  </p>
                </div>
                {session.id === current.id ? null : <RevokeSessionButton sessionId={session.id} description={browser} />}
              </li>
            );
          })}
        </ul>
        {others.length > 0 ? (
          <div className="mt-4 border-t border-slate-100 dark:border-slate-800 pt-4">
            <RevokeOthersButton />
          </div>
        ) : null}
      </Panel>
    </>
  );
}
