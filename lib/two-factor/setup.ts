import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Db, type User } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { twoFactorEnabledEmail } from "@/lib/mail/templates";
import { decryptTotpSecret, encryptTotpSecret } from "./authenticator";
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

export type SetupResult = "enabled" | "wrong-code" | "expired" | "already-enabled";

/**
 * Turns two-factor authentication on once the user proves their app has the secret. The change, its
 * audit row and the notification email commit together.
 */
export async function confirmAuthenticatorSetup(
  userId: string,
  code: string,
  ip: string | null,
  /** Runs inside the enabling transaction: the first set of backup codes is made here. */
  onEnabled?: (tx: Db) => Promise<void>,
): Promise<SetupResult> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) return "already-enabled";
  const fresh = user.pendingTotpCreatedAt && user.pendingTotpCreatedAt.getTime() + SETUP_SECONDS * 1000 > Date.now();
  if (!user.pendingTotpSecret || !fresh) return "expired";
  const result = checkTotp({ secret: decryptTotpSecret(user.id, user.pendingTotpSecret), code });
  if (!result.valid) return "wrong-code";

  const enabled = await db().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, pendingTotpSecret: user.pendingTotpSecret },
      data: {
        totpSecret: user.pendingTotpSecret,
        totpEnabledAt: new Date(),
        totpLastUsedStep: result.step,
        pendingTotpSecret: null,
        pendingTotpCreatedAt: null,
        secondFactorFailures: 0,
      },
    });
    if (updated.count !== 1) return false;
    await recordAudit(tx, { action: "two_factor.enabled", actorId: user.id, targetUserId: user.id, ip, details: "authenticator app" });
    await enqueueEmail(tx, user.email, twoFactorEnabledEmail({ username: user.username }));
    await onEnabled?.(tx);
    return true;
  });
  if (!enabled) return "already-enabled";
  notifyOutbox();
  return "enabled";
}
