import "server-only";
import { redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/current-user";
import { db, type Session } from "@/lib/db/client";
import type { ActiveSession } from "./sessions";

/** Sudo mode lasts 15 minutes from the password check, and activity does not extend it (ASVS 7.5.1). */
export const SUDO_SECONDS = 15 * 60;

export function inSudoMode(session: Pick<Session, "sudoUntil">): boolean {
  return session.sudoUntil !== null && session.sudoUntil.getTime() > Date.now();
}

export async function enterSudoMode(sessionId: string): Promise<void> {
  await db().session.update({ where: { id: sessionId }, data: { sudoUntil: new Date(Date.now() + SUDO_SECONDS * 1000) } });
}

/** For pages and actions that change security settings: asks for the password first when needed. */
export async function requireSudo(returnTo: string): Promise<ActiveSession> {
  const current = await requireSession();
  if (!inSudoMode(current.session)) redirect(`/settings/confirm-password?next=${encodeURIComponent(returnTo)}`);
  return current;
}
