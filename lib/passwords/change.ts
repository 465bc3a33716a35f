import "server-only";
import { db } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { hashPassword, verifyPassword } from "@/lib/passwords/hashing";
import { passwordProblem } from "@/lib/passwords/policy";
import type { RequestContext } from "@/lib/request/context";
import { afterNewPassword } from "./new-password";

export type ChangeResult = { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string };

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/**
 * Changes the password from Preferences. Knowing the current one is the check (no sudo mode); the new
 * one follows the same rules as at sign-up. The session making the change stays signed in, every
 * other one is signed out. The caller applies the rate limits.
 */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  currentSessionId: string,
  client: RequestContext = {},
): Promise<ChangeResult> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD };
  }
  const problem = passwordProblem(newPassword, user);
  if (problem) return { ok: false, field: "newPassword", message: problem };
  const passwordHash = await hashPassword(newPassword);

  const changed = await db().$transaction(async (tx) => {
    // Conditional on the hash just checked: of two changes at once, one wins, and the other's
    // "current password" is no longer current.
    const updated = await tx.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (updated.count !== 1) return false;
    await afterNewPassword(tx, user, { via: "settings", keepSessionId: currentSessionId, by: client });
    return true;
  });
  if (!changed) return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD };
  notifyOutbox();
  return { ok: true };
}
