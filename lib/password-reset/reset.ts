import "server-only";
import { db } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { hashPassword } from "@/lib/passwords/hashing";
import { passwordProblem } from "@/lib/passwords/policy";
import { checkUserToken, consumeUserToken } from "@/lib/tokens/user-tokens";
import type { RequestContext } from "@/lib/request/context";
import { afterNewPassword } from "@/lib/passwords/new-password";
import { plausibleLinkToken } from "@/lib/tokens/link-token";

export type ResetLinkStatus = "expired" | "used" | "unknown";
export type ResetResult = { status: "done" } | { status: ResetLinkStatus } | { status: "weak"; message: string };

/**
 * The account a reset link is for, without using the link: the page shows what is wrong with it, or
 * the form (whose password rules need the account's email and username).
 */
export async function findResetAccount(
  token: string,
): Promise<{ status: "valid"; user: { id: string; email: string; username: string } } | { status: ResetLinkStatus }> {
  if (!plausibleLinkToken(token)) return { status: "unknown" };
  const check = await checkUserToken(db(), { token, purpose: "PASSWORD_RESET" });
  if (check.status !== "valid") return check;
  const user = await db().user.findUnique({ where: { id: check.userId }, select: { id: true, email: true, username: true } });
  return user ? { status: "valid", user } : { status: "unknown" };
}

/**
 * Sets a new password with a reset link. The link is used only when the password passes the rules,
 * and the conditional update in consumeUserToken decides between parallel submissions: one is "done",
 * the others "used". Everything else (every session signed out, stamp, audit, email) commits with it.
 */
export async function resetPassword(token: string, newPassword: string, client: RequestContext = {}): Promise<ResetResult> {
  const found = await findResetAccount(token);
  if (found.status !== "valid") return found;
  const problem = passwordProblem(newPassword, found.user);
  if (problem) return { status: "weak", message: problem };
  // Hashed before the transaction, so that it holds no lock during bcrypt.
  const passwordHash = await hashPassword(newPassword);

  const result = await db().$transaction(async (tx): Promise<ResetResult> => {
    const consumed = await consumeUserToken(tx, { token, purpose: "PASSWORD_RESET" });
    if (consumed.status !== "valid") return consumed;
    await tx.user.update({ where: { id: consumed.userId }, data: { passwordHash } });
    await afterNewPassword(tx, found.user, { via: "reset", by: client });
    return { status: "done" };
  });
  if (result.status === "done") notifyOutbox();
  return result;
}
