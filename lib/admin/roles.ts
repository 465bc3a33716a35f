import type { Role } from "@/lib/db/client";

const RANK: Record<Role, number> = { USER: 0, ADMIN: 1, OWNER: 2 };

/**
 * Mastodon's rule: staff act on accounts of a lower role only, and on their own. An admin cannot
 * touch another admin or the owner.
 */
export function canManage(actor: { id: string; role: Role }, target: { id: string; role: Role }): boolean {
  return actor.id === target.id || RANK[actor.role] > RANK[target.role];
}

export function isStaff(role: Role): boolean {
  return RANK[role] >= RANK.ADMIN;
}
