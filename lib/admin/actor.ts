import "server-only";
import type { Db, User } from "@/lib/db/client";
import { canManage } from "./roles";

/** Who acts: a signed-in staff member, or the operator at the command line (actorId null). */
export type Actor = { actorId: string | null; ip: string | null; userAgent?: string | null };

/** A refusal to show as it is: bad input, or an action the actor may not take. */
export class AdminActionError extends Error {}

/** Loads the target and checks the actor may act on it (the operator may act on anyone). */
export async function loadManagedUser(tx: Db, userId: string, by: Actor): Promise<User> {
  const target = await tx.user.findUnique({ where: { id: userId } });
  if (!target) throw new AdminActionError("No such account.");
  if (by.actorId) {
    const actor = await tx.user.findUnique({ where: { id: by.actorId } });
    if (!actor || actor.role === "USER" || !canManage(actor, target)) {
      throw new AdminActionError("You can only manage accounts with a lower role than yours.");
    }
  }
  return target;
}
