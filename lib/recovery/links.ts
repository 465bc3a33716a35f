import "server-only";
import { config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { appLink } from "@/lib/mail/layout";
import { issueUserToken } from "@/lib/tokens/user-tokens";

/** After the wait, a request's links still work for this long; then the request lapses. */
export const LINK_GRACE_DAYS = 7;

function linkLifetimeSeconds(): number {
  return config().selfServiceRecovery.waitSeconds + LINK_GRACE_DAYS * 24 * 3600;
}

/** The link, mailed when a request starts, that finishes it: single use, only its digest stored. */
export async function issueFinishLink(tx: Db, userId: string): Promise<string> {
  const token = await issueUserToken(tx, { userId, purpose: "RECOVERY_FINISH", lifetimeSeconds: linkLifetimeSeconds() });
  return appLink(`/auth/recovery/finish?token=${encodeURIComponent(token)}`);
}

/**
 * A cancel link for one email about the request: each email has its own (a newer one does not void
 * the older), and all of them die when the request closes.
 */
export async function issueCancelLink(tx: Db, userId: string): Promise<string> {
  const token = await issueUserToken(tx, { userId, purpose: "RECOVERY_CANCEL", lifetimeSeconds: linkLifetimeSeconds(), keepEarlier: true });
  return appLink(`/auth/recovery/cancel?token=${encodeURIComponent(token)}`);
}
