import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Session } from "@/lib/db/client";

/** Sudo mode lasts 15 minutes from the password check, and activity does not extend it (ASVS 7.5.1). */
export const SUDO_SECONDS = 15 * 60;

export function inSudoMode(session: Pick<Session, "sudoUntil">): boolean {
  return session.sudoUntil !== null && session.sudoUntil.getTime() > Date.now();
}

/** Starts sudo mode on the session once the user has proved who they are, with its audit row. */
export async function enterSudoMode(session: Pick<Session, "id" | "userId">, ip: string | null): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.session.update({ where: { id: session.id }, data: { sudoUntil: new Date(Date.now() + SUDO_SECONDS * 1000) } });
    await recordAudit(tx, { action: "sudo.entered", actorId: session.userId, targetUserId: session.userId, ip });
  });
}
