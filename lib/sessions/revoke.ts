import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/request/context";

/** Ends one of the user's sessions; its next request is refused. False when it was not theirs or already over. */
export async function revokeUserSession(userId: string, sessionId: string, by: RequestContext): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const revoked = await tx.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 0) return false;
    await recordAudit(tx, { action: "session.revoked", actorId: by.actorId, targetUserId: userId, ip: by.ip, details: "one session" });
    return true;
  });
}

/** Ends every session of the user but `keepSessionId` (none kept when it is null). Returns how many ended. */
export async function revokeOtherSessions(userId: string, keepSessionId: string | null, by: RequestContext): Promise<number> {
  return db().$transaction(async (tx) => {
    const revoked = await tx.session.updateMany({
      where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    if (revoked.count > 0) {
      await recordAudit(tx, {
        action: "session.revoked",
        actorId: by.actorId,
        targetUserId: userId,
        ip: by.ip,
        details: `${revoked.count} sessions`,
      });
    }
    return revoked.count;
  });
}
