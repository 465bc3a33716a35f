import "server-only";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { recordAudit } from "@/lib/audit";
import { db, type User } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { enqueueEmail, notifyOutbox } from "@/lib/mail/outbox";
import { accountEvent } from "@/lib/mail/security-event";
import type { RequestContext } from "@/lib/request/context";
import { passkeyAddedEmail, securityKeyAddedEmail } from "@/lib/security-keys/emails";
import { verifyKeyRegistration, type CredentialKind, type KeyRegistrationCheck } from "@/lib/security-keys/registration";
import { turnOnTwoFactorWith } from "./enable";

export type KeyRegistrationResult =
  | { status: "added"; keyId: string; codes: string[] | null }
  | Exclude<KeyRegistrationCheck, { status: "verified" }>
  | { status: "already-registered" };

/**
 * Adds the key the browser just registered (lib/security-keys checks its answer), audited and mailed
 * in one transaction. The first security key of the account turns 2FA on and returns its backup
 * codes; a passkey is a sign-in method of its own and leaves 2FA as it is (it serves as a key at the
 * second step when 2FA is on).
 */
export async function addKey(options: {
  user: Pick<User, "id" | "email" | "username">;
  sessionId: string;
  name: string;
  response: RegistrationResponseJSON;
  client: RequestContext;
  kind: CredentialKind;
}): Promise<KeyRegistrationResult> {
  const check = await verifyKeyRegistration(options);
  if (check.status !== "verified") return check;

  const { user, name, client } = options;
  const passkey = check.key.passkey === true;
  const stored = await db()
    .$transaction(async (tx) => {
      const key = await tx.securityKey.create({ data: { ...check.key, userId: user.id, name } });
      await recordAudit(tx, {
        action: passkey ? "passkey.added" : "security_key.added",
        actorId: user.id,
        targetUserId: user.id,
        ip: client.ip ?? null,
        details: name,
      });
      if (passkey) {
        await enqueueEmail(tx, user.email, passkeyAddedEmail({ username: user.username, keyName: name, event: accountEvent(client) }));
        return { keyId: key.id, codes: null };
      }
      const codes = await turnOnTwoFactorWith(tx, user, "security key", client);
      // The first key's news is "two-factor authentication is on"; later keys get their own email.
      if (!codes)
        await enqueueEmail(tx, user.email, securityKeyAddedEmail({ username: user.username, keyName: name, event: accountEvent(client) }));
      return { keyId: key.id, codes };
    })
    .catch((error: unknown) => {
      // The credential id is unique: a key already registered here, to this account or another.
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!stored) return { status: "already-registered" };
  notifyOutbox();
  return { status: "added", ...stored };
}
