import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { authenticatorAddedEmail } from "./emails";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { decryptTotpSecret, encryptTotpSecret } from "./authenticator";
import { turnOnTwoFactorWith } from "./enable";
import { checkTotp, newTotpSecret } from "./totp";

/** A setup left unconfirmed this long starts again with a new secret. */
const SETUP_SECONDS = 30 * 60;

/**
 * The secret to show on the setup page. It is kept, encrypted, until the user confirms it with a code
 * (or the setup expires), so that reloading the page does not change the QR code under them.
 */
export async function beginAuthenticatorSetup(user: User): Promise<string> {
  const fresh = user.pendingTotpCreatedAt && user.pendingTotpCreatedAt.getTime() + SETUP_SECONDS * 1000 > Date.now();
  if (user.pendingTotpSecret && fresh) return decryptTotpSecret(user.id, user.pendingTotpSecret);
  const secret = newTotpSecret();
  await db().user.update({
    where: { id: user.id },
    data: { pendingTotpSecret: encryptTotpSecret(user.id, secret), pendingTotpCreatedAt: new Date() },
  });
  return secret;
}

export type SetupResult = { status: "enabled"; codes: string[] | null } | { status: "wrong-code" | "expired" | "already-enabled" };

/**
 * Adds the authenticator app once the user proves it has the secret. As the account's first second
 * factor it turns two-factor authentication on and returns the first backup codes (see
 * turnOnTwoFactorWith); beside a security key it is simply added. The change, its audit row and the
 * notification email commit together.
 */
export async function confirmAuthenticatorSetup(userId: string, code: string, client: RequestContext): Promise<SetupResult> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) return { status: "already-enabled" };
  const fresh = user.pendingTotpCreatedAt && user.pendingTotpCreatedAt.getTime() + SETUP_SECONDS * 1000 > Date.now();
  if (!user.pendingTotpSecret || !fresh) return { status: "expired" };
  const result = checkTotp({ secret: decryptTotpSecret(user.id, user.pendingTotpSecret), code });
  if (!result.valid) return { status: "wrong-code" };

  const outcome = await db().$transaction(async (tx): Promise<SetupResult> => {
    const updated = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, pendingTotpSecret: user.pendingTotpSecret },
      data: {
        totpSecret: user.pendingTotpSecret,
        totpEnabledAt: new Date(),
        totpLastUsedStep: result.step,
        pendingTotpSecret: null,
        pendingTotpCreatedAt: null,
      },
    });
    if (updated.count !== 1) return { status: "already-enabled" };
    const codes = await turnOnTwoFactorWith(tx, user, "authenticator app", client);
    if (!codes) {
      await recordAudit(tx, { action: "authenticator.added", actorId: user.id, targetUserId: user.id, ip: client.ip ?? null });
      await enqueueEmail(tx, user.email, authenticatorAddedEmail({ username: user.username, event: accountEvent(client) }));
    }
    return { status: "enabled", codes };
  });
  if (outcome.status === "enabled") notifyOutbox();
  return outcome;
}
