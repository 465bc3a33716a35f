import "server-only";
import { db } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { decideRecoveryRequest } from "@/lib/recovery/close";
import type { RequestContext } from "@/lib/request/context";
import { AdminActionError, loadManagedUser } from "./actor";

/** The open recovery requests, oldest first: who, since when, until when, and from where. */
export async function listOpenRecoveryRequests(options: { take?: number } = {}) {
  return db().recoveryRequest.findMany({
    where: { openFor: { not: null } },
    orderBy: { createdAt: "asc" },
    take: options.take,
    select: {
      id: true,
      state: true,
      createdAt: true,
      readyAt: true,
      ip: true,
      userAgent: true,
      user: { select: { id: true, username: true, email: true } },
    },
  });
}

export async function countOpenRecoveryRequests(): Promise<number> {
  return db().recoveryRequest.count({ where: { openFor: { not: null } } });
}

export type OpenRecoveryRequest = Awaited<ReturnType<typeof listOpenRecoveryRequests>>[number];

/**
 * Approves (the user may finish at once, with the emailed link and the password) or denies the
 * account's open recovery request. The administration (after the admin's own second factor) and the
 * command line (the operator) call this; the role rule is checked here.
 */
export async function decideRecoveryRequestFor(userId: string, decision: "approve" | "deny", by: RequestContext): Promise<void> {
  const decided = await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    return decideRecoveryRequest(tx, user, decision, by);
  });
  if (!decided) {
    throw new AdminActionError(
      decision === "approve" ? "This account has no recovery request waiting for approval." : "This account has no open recovery request.",
    );
  }
  notifyOutbox();
}
