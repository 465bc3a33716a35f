import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Db, User } from "@/lib/db/client";
import { issueLockdownLink } from "@/lib/mail/not-me-link";
import { enqueueEmail } from "@/lib/mail/outbox";
import { securityEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { passwordChangedEmail } from "./emails";
import { randomToken } from "@/lib/tokens/random";

/**
 * What follows every new password, in the caller's transaction once the password itself is stored:
 * a new security stamp (pending two-factor sign-ins check it), every session but `keepSessionId`
 * revoked, pending sign-ins and unused reset links voided, an audit row and an email to the owner.
 */
export async function afterNewPassword(
  tx: Db,
  user: Pick<User, "id" | "email" | "username">,
  options: {
    via: "reset" | "settings" | "operator";
    keepSessionId?: string;
    /** Who set it, from which client: the operator (actorId null) or, with no actorId, the user themselves. */
    by: RequestContext;
  },
): Promise<void> {
  const now = new Date();
  const by: RequestContext = { ...options.by, actorId: options.by.actorId === undefined ? user.id : options.by.actorId };
  // A new password is what a lockdown ("This wasn't me") waits for.
  await tx.user.update({ where: { id: user.id }, data: { securityStamp: randomToken(16), passwordResetRequiredAt: null } });
  await tx.session.updateMany({
    where: { userId: user.id, revokedAt: null, ...(options.keepSessionId ? { id: { not: options.keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  await tx.pendingSignIn.deleteMany({ where: { userId: user.id } });
  await tx.userToken.updateMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: now } });
  await recordAudit(tx, {
    action: options.via === "reset" ? "password.reset" : "password.changed",
    actorId: by.actorId,
    targetUserId: user.id,
    ip: by.ip,
  });
  await enqueueEmail(
    tx,
    user.email,
    passwordChangedEmail({
      username: user.username,
      via: options.via,
      event: securityEvent(user.id, by, now),
      notMe: await issueLockdownLink(tx, user.id),
    }),
  );
}
