import "server-only";
import { emailField } from "@/lib/accounts/fields";
import { releaseHolds } from "@/lib/accounts/username-holds";
import { hashPassword } from "@/lib/passwords/hashing";
import { issuePasswordReset } from "@/lib/password-reset/request";
import { randomToken } from "@/lib/tokens/random";
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

/**
 * Staff vouch for the address, not for the password: an unconfirmed account's password may be a
 * stranger's who signed up first with this address (account pre-hijacking). So confirming ends every
 * sign-up's link and held username, leaves the account a password no one knows, and mails the
 * address a reset link: its owner chooses the password.
 */
export async function confirmAccount(userId: string, by: RequestContext): Promise<void> {
  // Hashed before the transaction, so that it holds no lock during bcrypt.
  const unknownPassword = await hashPassword(randomToken(32));
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    if (user.emailConfirmedAt) return;
    await tx.userToken.updateMany({
      where: { userId, purpose: "EMAIL_CONFIRMATION", usedAt: null },
      data: { usedAt: new Date(), payload: null },
    });
    await releaseHolds(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: { emailConfirmedAt: new Date(), passwordHash: unknownPassword, securityStamp: randomToken(16) },
    });
    await recordAudit(tx, { action: "account.email_confirmed", actorId: by.actorId, targetUserId: userId, ip: by.ip });
    await issuePasswordReset(tx, user, { staff: by });
  });
  notifyOutbox();
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
