import type { Role } from "@/lib/db/client";

const RANK: Record<Role, number> = { USER: 0, ADMIN: 1, OWNER: 2 };

export type ManagementRefusal = "own account" | "lower role only";

/**
 * Mastodon's rule: staff act on accounts of a lower role only, so an admin cannot touch another
 * admin or the owner. Never on their own account either: that goes through Preferences, where changing
 * one's address needs its confirmation link and a security change needs the password again.
 */
export function managementRefusal(actor: { id: string; role: Role }, target: { id: string; role: Role }): ManagementRefusal | null {
  if (actor.id === target.id) return "own account";
  return RANK[actor.role] > RANK[target.role] ? null : "lower role only";
}

export const REFUSAL_MESSAGES: Record<ManagementRefusal, string> = {
  "own account": "Change your own account in Preferences.",
  "lower role only": "You can only manage accounts with a lower role than yours.",
};

export function isStaff(role: Role): boolean {
  return RANK[role] >= RANK.ADMIN;
}
