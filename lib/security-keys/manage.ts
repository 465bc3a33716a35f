import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { passkeyRemovedEmail, securityKeyRemovedEmail } from "./emails";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";

export type SecurityKeySummary = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Passkeys: may be synced to the user's other devices, and is backed up now (its flags as last reported). */
  multiDevice: boolean;
  backedUp: boolean;
};

/** The user's security keys, or with `passkeys` their passkeys: each is listed in its own place. */
export function listSecurityKeys(userId: string, options: { passkeys?: boolean } = {}): Promise<SecurityKeySummary[]> {
  return db().securityKey.findMany({
    where: { userId, passkey: options.passkeys ?? false },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, multiDevice: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Renames one of the user's own keys; false when no such key is theirs. */
export async function renameSecurityKey(options: { userId: string; keyId: string; name: string; ip: string | null }): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const key = await tx.securityKey.findFirst({ where: { id: options.keyId, userId: options.userId }, select: { passkey: true } });
    const renamed = await tx.securityKey.updateMany({ where: { id: options.keyId, userId: options.userId }, data: { name: options.name } });
    if (!key || renamed.count !== 1) return false;
    await recordAudit(tx, {
      action: key.passkey ? "passkey.renamed" : "security_key.renamed",
      actorId: options.userId,
      targetUserId: options.userId,
      ip: options.ip,
      details: options.name,
    });
    return true;
  });
}

export type RemoveKeyResult = "removed" | "not-found" | "last-second-factor";

/**
 * Removes one of the user's own keys or passkeys. While two-factor authentication is on, its last
 * second factor (an app, a key, or a passkey, which serves as a key) is not removed this way: turning
 * two-factor authentication off is a separate, deliberate step that also voids the backup codes.
 */
export async function removeSecurityKey(options: { userId: string; keyId: string; client: RequestContext }): Promise<RemoveKeyResult> {
  const result = await db().$transaction(async (tx) => {
    // Writing the user row first locks it until commit: two removals at once cannot both see a
    // second key left and remove the last two.
    const user = await tx.user.update({
      where: { id: options.userId },
      data: { updatedAt: new Date() },
      include: { securityKeys: { select: { id: true, name: true, passkey: true } } },
    });
    const key = user.securityKeys.find((candidate) => candidate.id === options.keyId);
    if (!key) return "not-found" as const;
    if (user.twoFactorEnabledAt && !user.totpEnabledAt && user.securityKeys.length === 1) return "last-second-factor" as const;
    const removed = await tx.securityKey.deleteMany({ where: { id: key.id, userId: user.id } });
    if (removed.count !== 1) return "not-found" as const;
    await recordAudit(tx, {
      action: key.passkey ? "passkey.removed" : "security_key.removed",
      actorId: user.id,
      targetUserId: user.id,
      ip: options.client.ip ?? null,
      details: key.name,
    });
    await enqueueEmail(
      tx,
      user.email,
      (key.passkey ? passkeyRemovedEmail : securityKeyRemovedEmail)({
        username: user.username,
        keyName: key.name,
        event: accountEvent(options.client),
      }),
    );
    return "removed" as const;
  });
  if (result === "removed") notifyOutbox();
  return result;
}

export function countPasskeys(userId: string): Promise<number> {
  return db().securityKey.count({ where: { userId, passkey: true } });
}

/** Every WebAuthn credential of the account, passkeys included: each can answer the second step. */
export function countSecurityKeys(userId: string): Promise<number> {
  return db().securityKey.count({ where: { userId } });
}
