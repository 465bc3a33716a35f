import "server-only";
import { emailField } from "@/lib/accounts/fields";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { recordAudit } from "@/lib/audit";
import { db, type Role } from "@/lib/db/client";
import { applyEmailChange } from "@/lib/email-change/apply";
import { notifyOutbox } from "@/lib/mail/outbox";
import { AdminActionError, loadManagedUser } from "./actor";
import type { RequestContext } from "@/lib/request/context";

/** Changes the address at once; the old one is told. The admin pages and the command line both call this. */
export async function changeAccountEmail(userId: string, newEmail: string, by: RequestContext): Promise<void> {
  const parsed = emailField.safeParse(newEmail);
  if (!parsed.success) throw new AdminActionError(`email: ${parsed.error.issues[0]?.message}`);
  try {
    await db().$transaction(async (tx) => {
      const user = await loadManagedUser(tx, userId, by);
      if (user.email === parsed.data) return;
      await applyEmailChange(tx, user, parsed.data, by);
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new AdminActionError(`email: ${parsed.data} already has an account`);
    throw error;
  }
  notifyOutbox();
}

export async function confirmAccount(userId: string, by: RequestContext): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    if (user.emailConfirmedAt) return;
    await tx.user.update({ where: { id: userId }, data: { emailConfirmedAt: new Date() } });
    await recordAudit(tx, { action: "account.email_confirmed", actorId: by.actorId, targetUserId: userId, ip: by.ip });
  });
}

export async function changeAccountRole(userId: string, role: Role, by: RequestContext): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    if (user.role === role) return;
    if (by.actorId && role !== "USER") throw new AdminActionError("Only the operator can make staff.");
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, {
      action: "account.role_changed",
      actorId: by.actorId,
      targetUserId: userId,
      ip: by.ip,
      details: `${user.role} to ${role}`,
    });
  });
}
