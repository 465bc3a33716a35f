import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { emailCodesChangedEmail } from "./emails";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";

/**
 * The user's opt-in to codes by email as a fallback second factor. Only with two-factor
 * authentication on: it is a fallback, never the only factor. False when nothing changed.
 */
export async function setEmailCodes(userId: string, enabled: boolean, client: RequestContext): Promise<boolean> {
  const changed = await db().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: userId, emailCodesEnabled: !enabled, ...(enabled ? { twoFactorEnabledAt: { not: null } } : {}) },
      data: { emailCodesEnabled: enabled },
    });
    if (updated.count !== 1) return false;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await recordAudit(tx, {
      action: enabled ? "email_codes.enabled" : "email_codes.disabled",
      actorId: userId,
      targetUserId: userId,
      ip: client.ip ?? null,
    });
    await enqueueEmail(tx, user.email, emailCodesChangedEmail({ username: user.username, enabled, event: accountEvent(client) }));
    return true;
  });
  if (changed) notifyOutbox();
  return changed;
}
