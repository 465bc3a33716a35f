import type { Metadata } from "next";
import { Pager } from "@/components/pager";
import { PageTitle, Panel } from "@/components/panel";
import { describeAuditEvent } from "@/lib/audit/describe";
import { requireAdmin } from "@/lib/admin/require-admin";
import { auditLogPage, usernamesOf } from "@/lib/audit/log";
import { LocalTime } from "@/components/local-time";
import { AllAccountsLink } from "../all-accounts-link";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

/** Who did what to whom, when, from where. Rows never hold a secret (lib/audit). */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireAdmin();
  const page = Math.max(1, Math.min(10_000, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const { events, hasOlder } = await auditLogPage({ page, pageSize: PAGE_SIZE });
  const names = await usernamesOf([
    ...new Set(events.flatMap((event) => [event.actorId, event.targetUserId]).filter((id): id is string => Boolean(id))),
  ]);
  const who = (id: string | null) => (id ? (names.get(id) ?? "a deleted account") : "the operator");

  return (
    <>
      <AllAccountsLink />
      <PageTitle title="Audit log" lead="Security events and staff actions on every account, newest first." />
      <Panel title={page === 1 ? "Recent events" : `Page ${page}`}>
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Audit events">
          {events.map((event) => (
            <li key={event.id} className="py-3">
              <p className="font-medium text-slate-900 dark:text-slate-100">
                {describeAuditEvent(event)}
                {event.targetUserId ? (
                  <span className="font-normal text-slate-700 dark:text-slate-300"> · account {who(event.targetUserId)}</span>
                ) : null}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                by {who(event.actorId)} · <LocalTime date={event.createdAt} />
                {event.ip ? ` · ${event.ip}` : ""}
              </p>
            </li>
          ))}
        </ul>
        <Pager page={page} hasNext={hasOlder} href={(target) => `/admin/audit?page=${target}`} />
      </Panel>
    </>
  );
}
