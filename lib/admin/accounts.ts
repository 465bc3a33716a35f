import "server-only";
import { remainingBackupCodes } from "@/lib/backup-codes/codes";
import { db, type User } from "@/lib/db/client";
import { countSecurityKeys } from "@/lib/security-keys/manage";

/** One page of accounts, newest first, whose email or username contains `query` (all when empty). */
export async function searchAccounts(options: {
  query: string;
  page: number;
  pageSize: number;
}): Promise<{ total: number; users: User[] }> {
  const where = options.query ? { OR: [{ email: { contains: options.query } }, { username: { contains: options.query } }] } : {};
  const [total, users] = await Promise.all([
    db().user.count({ where }),
    db().user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
    }),
  ]);
  return { total, users };
}

export type AccountState = { user: User; securityKeys: number; backupCodesLeft: number };

/** What the administration shows of one account; null when there is no such account. */
export async function accountState(userId: string): Promise<AccountState | null> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) return null;
  const backupCodesLeft = user.twoFactorEnabledAt ? await remainingBackupCodes(user.id) : 0;
  const securityKeys = await countSecurityKeys(user.id);
  return { user, securityKeys, backupCodesLeft };
}
