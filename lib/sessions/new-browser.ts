import "server-only";
import { config } from "@/lib/config";
import type { Db, Session, User } from "@/lib/db/client";
import { issueLockdownLink } from "@/lib/mail/not-me-link";
import { enqueueEmail } from "@/lib/mail/outbox";
import { newBrowserSignInEmail } from "./emails";
import { accountEvent } from "@/lib/mail/security-event";

/**
 * Whether a session comes from a browser the account has not signed in from before. A browser is
 * known by a random id in a long-lived HttpOnly cookie (deviceCookie in lib/auth/cookies.ts), whose
 * SHA-256 each session keeps. Not the browser name and system from the user agent: "Chrome on
 * Windows" is what most people and most attackers use, so a stolen password used from the commonest
 * browser would never be reported. The id cannot be guessed or read from the database; a cleared
 * cookie or a private window counts as new, which errs towards telling the user.
 *
 * The account's very first sign-in is not new: there is no earlier browser to tell it from. A session
 * without a device id (made outside the sign-in form) is never reported.
 */
export async function isNewBrowser(tx: Db, session: Pick<Session, "id" | "userId" | "deviceHash">): Promise<boolean> {
  if (!session.deviceHash) return false;
  const earlier = { userId: session.userId, activatedAt: { not: null }, id: { not: session.id } };
  if ((await tx.session.count({ where: earlier })) === 0) return false;
  return (await tx.session.count({ where: { ...earlier, deviceHash: session.deviceHash } })) === 0;
}

/**
 * After a sign-in, in its transaction: an account without two-factor authentication, signed in from a
 * new browser, is emailed (NEW_BROWSER_EMAILS, on by default). With 2FA the password alone does not
 * open the account, and failed second steps are reported on their own. Returns whether mail was queued.
 */
export async function alertNewBrowserSignIn(tx: Db, user: User, session: Session): Promise<boolean> {
  if (!config().newBrowserEmails || user.twoFactorEnabledAt) return false;
  if (!(await isNewBrowser(tx, session))) return false;
  const event = accountEvent({ ip: session.ip, userAgent: session.userAgent }, session.activatedAt ?? new Date());
  const notMe = await issueLockdownLink(tx, user.id);
  await enqueueEmail(tx, user.email, newBrowserSignInEmail({ username: user.username, event, notMe }));
  return true;
}
