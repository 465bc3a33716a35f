import "server-only";
import { db, type Session } from "@/lib/db/client";

/** Sudo mode lasts 15 minutes from the password check, and activity does not extend it (ASVS 7.5.1). */
export const SUDO_SECONDS = 15 * 60;

export function inSudoMode(session: Pick<Session, "sudoUntil">): boolean {
  return session.sudoUntil !== null && session.sudoUntil.getTime() > Date.now();
}

export async function enterSudoMode(sessionId: string): Promise<void> {
  await db().session.update({ where: { id: sessionId }, data: { sudoUntil: new Date(Date.now() + SUDO_SECONDS * 1000) } });
}
