import "server-only";
import { forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/current-user";
import type { ActiveSession } from "@/lib/sessions/sessions";
import { isStaff } from "./roles";

/** For the administration's pages and actions: 403 for anyone signed in who is not staff. */
export async function requireAdmin(): Promise<ActiveSession> {
  const current = await requireSession();
  if (!isStaff(current.user.role)) forbidden();
  return current;
}
