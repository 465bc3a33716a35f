import "server-only";
import type { Db, User } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";
import { managementRefusal, REFUSAL_MESSAGES } from "./roles";

/** A refusal to show as it is: bad input, or an action the actor may not take. */
export class AdminActionError extends Error {}

/** Loads the target and checks the actor may act on it (lib/admin/roles.ts; the operator may act on anyone). */
export async function loadManagedUser(tx: Db, userId: string, by: RequestContext): Promise<User> {
  const target = await tx.user.findUnique({ where: { id: userId } });
  if (!target) throw new AdminActionError("No such account.");
  if (by.actorId) {
    const actor = await tx.user.findUnique({ where: { id: by.actorId } });
    const refusal = actor ? managementRefusal(actor, target) : "lower role only";
    if (refusal) throw new AdminActionError(REFUSAL_MESSAGES[refusal]);
  }
  return target;
}
