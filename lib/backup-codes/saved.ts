import "server-only";
import { db } from "@/lib/db/client";
import { confirmedNow } from "./checkup";
import { digestBackupCode } from "./codes";

/**
 * Records that the user saved the set they were shown (ticked the box, copied, downloaded or printed
 * it). `code` is one code of that set, normalised (see backupCodeField): a page still showing a set
 * replaced since cannot mark the newest one saved. One conditional update, so a set made meanwhile
 * stays unsaved. Returns false when the code is not of the current set.
 */
export async function confirmBackupCodesSaved(userId: string, code: string): Promise<boolean> {
  const updated = await db().user.updateMany({
    where: { id: userId, backupCodes: { some: { digest: digestBackupCode(userId, code) } } },
    data: { backupCodesUnsavedSince: null, ...confirmedNow() },
  });
  return updated.count === 1;
}
