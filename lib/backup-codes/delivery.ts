import "server-only";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/encryption";
import { consumeUserToken } from "@/lib/tokens/user-tokens";
import { sha256 } from "@/lib/tokens/random";
import { digestBackupCode } from "./codes";

/** Associated data for the encrypted codes, so that they decrypt only for their own user. */
export const deliveryContext = (userId: string) => `backup-codes-delivery:${userId}`;

export type DeliveryResult = { status: "delivered"; codes: string[] } | { status: "unknown" | "expired" | "used" | "other-account" };

/**
 * Opens the link to backup codes an administrator generated: only for the signed-in owner, once. The
 * encrypted codes are erased as they are handed over.
 */
export async function claimDeliveredBackupCodes(userId: string, token: string): Promise<DeliveryResult> {
  return db().$transaction(async (tx) => {
    const row = await tx.userToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (row && row.userId !== userId) return { status: "other-account" as const };
    const result = await consumeUserToken(tx, { token, purpose: "BACKUP_CODES_DELIVERY" });
    if (result.status !== "valid") return { status: result.status };
    const payload = row?.payload;
    await tx.userToken.update({ where: { tokenHash: sha256(token) }, data: { payload: null } });
    if (!payload) return { status: "used" as const };
    const codes = JSON.parse(decryptSecret(payload, deliveryContext(userId))) as string[];
    // Replaced since (the user made a new set, or 2FA was turned off): dead codes must not be shown as theirs.
    const digests = codes.map((code) => digestBackupCode(userId, code.replace(/-/g, "")));
    if ((await tx.backupCode.count({ where: { userId, digest: { in: digests } } })) !== codes.length) return { status: "unknown" as const };
    return { status: "delivered" as const, codes };
  });
}
