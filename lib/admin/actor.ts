import "server-only";
import type { Db, User } from "@/lib/db/client";
import { managementRefusal, REFUSAL_MESSAGES } from "./roles";

/** Who acts: a signed-in staff member, or the operator at the command line (actorId null). */
export type Actor = { actorId: string | null; ip: string | null; userAgent?: string | null };

/** A refusal to show as it is: bad input, or an action the actor may not take. */
export class AdminActionError extends Error {}

/** Loads the target and checks the actor may act on it (lib/admin/roles.ts; the operator may act on anyone). */
export async function loadManagedUser(tx: Db, userId: string, by: Actor): Promise<User> {
  const target = await tx.user.findUnique({ where: { id: userId } });
  if (!target) throw new AdminActionError("No such account.");
  if (by.actorId) {
    const actor = await tx.user.findUnique({ where: { id: by.actorId } });
    const refusal = actor ? managementRefusal(actor, target) : "lower role only";
    if (refusal) throw new AdminActionError(REFUSAL_MESSAGES[refusal]);
  }
  return target;
}
