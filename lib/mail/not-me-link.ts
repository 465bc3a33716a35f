import "server-only";
import type { Db } from "@/lib/db/client";
import { appLink } from "./layout";
import { issueUserToken } from "@/lib/tokens/user-tokens";

/** How long a "This wasn't me" link works. */
export const LOCKDOWN_LINK_HOURS = 24;

/**
 * A "This wasn't me" link for a security email about to be queued, in the caller's transaction:
 * single use, 24 hours, only its digest stored. Each email gets its own, and a newer one does not
 * void the older ones, so that an attacker cannot disarm the link in the owner's inbox by causing a
 * new email. All of them die together when one is used.
 */
export async function issueLockdownLink(tx: Db, userId: string): Promise<string> {
  const token = await issueUserToken(tx, {
    userId,
    purpose: "ACCOUNT_LOCKDOWN",
    lifetimeSeconds: LOCKDOWN_LINK_HOURS * 3600,
    keepEarlier: true,
  });
  return appLink(`/auth/not-me?token=${encodeURIComponent(token)}`);
}
