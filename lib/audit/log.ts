import "server-only";
import { db } from "@/lib/db/client";

/**
 * One page of audit events, newest first, with the usernames of the accounts they name. One row more
 * than the page is read, so that the caller knows whether an older page exists.
 */
export async function auditLogPage(options: { page: number; pageSize: number; targetUserId?: string }) {
  const events = await db().auditLog.findMany({
    ...(options.targetUserId ? { where: { targetUserId: options.targetUserId } } : {}),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (options.page - 1) * options.pageSize,
    take: options.pageSize + 1,
  });
  return { events: events.slice(0, options.pageSize), hasOlder: events.length > options.pageSize };
}

/** "@username" for each id that still names an account. */
export async function usernamesOf(ids: string[]): Promise<Map<string, string>> {
  const users = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } });
  return new Map(users.map((user) => [user.id, `@${user.username}`]));
}
