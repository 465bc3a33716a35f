import "server-only";
import { db } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { generatePassword, hashPassword } from "@/lib/passwords/hashing";
import { afterNewPassword } from "@/lib/passwords/new-password";
import { loadManagedUser } from "./actor";
import type { RequestContext } from "@/lib/request/context";

/**
 * The operator's `--reset-password`: a new random password, returned to be shown once. Like every
 * new password it ends all sessions, voids pending sign-ins and reset links, and tells the user.
 */
export async function resetPasswordAsOperator(userId: string, by: RequestContext): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await afterNewPassword(tx, user, { via: "operator", by });
  });
  notifyOutbox();
  return password;
}
