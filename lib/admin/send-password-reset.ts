import "server-only";
import { db } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { issuePasswordReset } from "@/lib/password-reset/request";
import { loadManagedUser } from "./actor";
import type { RequestContext } from "@/lib/request/context";

/**
 * Mails the user a reset link, the same one "Forgot password?" sends (voiding their earlier links),
 * saying who sent it; the user chooses the new password, which staff never see.
 */
export async function sendPasswordResetForUser(userId: string, by: RequestContext): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await loadManagedUser(tx, userId, by);
    await issuePasswordReset(tx, user, { staff: by });
  });
  notifyOutbox();
}
