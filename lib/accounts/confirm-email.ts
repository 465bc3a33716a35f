import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { consumeUserToken, type TokenCheck } from "@/lib/tokens/user-tokens";
import { sendConfirmation } from "./sign-up";

export async function confirmEmail(token: string, ip?: string): Promise<TokenCheck["status"]> {
  return db().$transaction(async (tx) => {
    const result = await consumeUserToken(tx, { token, purpose: "EMAIL_CONFIRMATION" });
    if (result.status !== "valid") return result.status;
    await tx.user.update({ where: { id: result.userId }, data: { emailConfirmedAt: new Date() } });
    await recordAudit(tx, { action: "account.email_confirmed", actorId: result.userId, targetUserId: result.userId, ip });
    return result.status;
  });
}

/** Mails a fresh link when the address has an unconfirmed account; otherwise does nothing, silently. */
export async function resendConfirmation(email: string): Promise<void> {
  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.emailConfirmedAt) return;
  await db().$transaction((tx) => sendConfirmation(tx, user));
  notifyOutbox();
}
