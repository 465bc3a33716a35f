import type { Metadata } from "next";
import { Pager } from "@/components/pager";
import { PageTitle, Panel } from "@/components/panel";
import { describeAuditEvent } from "@/lib/audit/describe";
import { requireSession } from "@/lib/auth/current-user";
import { auditLogPage } from "@/lib/audit/log";
import { LocalTime } from "@/components/local-time";

export const metadata: Metadata = { title: "Security log" };

const PAGE_SIZE = 25;

export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { user } = await requireSession();
  const page = Math.max(1, Math.min(10_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const { events, hasOlder } = await auditLogPage({ page, pageSize: PAGE_SIZE, targetUserId: user.id });
  return (
    <>
      <PageTitle title="Security log" lead="Sign-ins and changes to your account's security, newest first." />
      <Panel title={page === 1 ? "Recent events" : `Page ${page}`}>
        {events.length === 0 ? <p className="text-slate-600 dark:text-slate-400">Nothing here yet.</p> : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Security events">
          {events.map((event) => (
            <li key={event.id} className="py-3">
              <p className="font-medium text-slate-900 dark:text-slate-100">{describeAuditEvent(event)}</p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                <LocalTime date={event.createdAt} />
                {event.ip ? ` · ${event.ip}` : ""}
              </p>
            </li>
          ))}
        </ul>
        <Pager page={page} hasNext={hasOlder} href={(target) => `/settings/security-log?page=${target}`} />
      </Panel>
    </>
  );
}
