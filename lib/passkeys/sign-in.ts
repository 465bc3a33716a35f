import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { signInLimitsFor } from "@/lib/auth/sign-in-limits";
import { cancelRecoveryOnSignIn } from "@/lib/recovery/close";
import { config } from "@/lib/config";
import { db, type User } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { consumeRateLimits } from "@/lib/rate-limit";
import type { RequestContext } from "@/lib/request/context";
import { checkAssertion } from "@/lib/security-keys/authentication";
import { takePasskeyChallenge } from "./challenge";

export type PasskeySignInResult =
  | { status: "signed-in"; user: User }
  /** The page's challenge is unknown, used already, or older than five minutes. */
  | { status: "expired" }
  /** No account has this passkey (or its user handle names another account). */
  | { status: "unknown-passkey" }
  /** The signature, the site (origin and RP id) or the user verification did not check out. */
  | { status: "refused" }
  /** A genuine signature whose counter did not grow: the owner was emailed. */
  | { status: "cloned" }
  | { status: "rate-limited"; retryAfterSeconds: number }
  | { status: "forbidden" }
  /** "This wasn't me" locked the account down: no sign-in of any kind until the password is reset by email. */
  | { status: "locked-down" };

/**
 * A passwordless sign-in: a user-verified signature by one of the account's passkeys over the
 * challenge of this sign-in page is both factors at once. The challenge is used up first, whatever
 * follows. The credential names the account, and its user handle must name the same one. An attempt
 * on an account counts on that account's sign-in limits (lib/auth/sign-in-limits.ts), as a password
 * does; the caller counts the address's.
 */
export async function signInWithPasskey(options: {
  binding: string | undefined;
  response: AuthenticationResponseJSON;
  client: RequestContext;
  now?: Date;
}): Promise<PasskeySignInResult> {
  if (!config().allowPasskeys) return { status: "forbidden" };
  const challenge = options.binding ? await takePasskeyChallenge(options.binding, options.now) : null;
  if (!challenge) return { status: "expired" };

  const key = await db().securityKey.findUnique({ where: { credentialId: options.response.id }, include: { user: true } });
  if (!key?.passkey || !key.user.emailConfirmedAt) return { status: "unknown-passkey" };
  if (userHandleOf(options.response) !== key.userId) return { status: "unknown-passkey" };

  const limited = await consumeRateLimits(await signInLimitsFor({ email: key.user.email, deviceId: options.client.deviceId ?? undefined }));
  if (!limited.allowed) return { status: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };

  const { user, ...credential } = key;
  const { check, recoveryCancelled } = await db().$transaction(async (tx) => {
    const check = await checkAssertion(tx, {
      key: credential,
      response: options.response,
      challenge,
      requireUserVerification: true,
      client: options.client,
    });
    // A passkey is a second factor too: the owner holds one, so an open recovery request ends with
    // the sign-in, in its transaction (a locked-down account does not sign in, and ends nothing).
    const signsIn = check === "verified" && !user.passwordResetRequiredAt;
    return { check, recoveryCancelled: signsIn && (await cancelRecoveryOnSignIn(tx, user, options.client, "passkey")) };
  });
  if (check === "counter-not-grown") {
    notifyOutbox();
    return { status: "cloned" };
  }
  if (check !== "verified") return { status: "refused" };
  // Told only to the passkey's holder, as the password form tells only the password's.
  if (user.passwordResetRequiredAt) return { status: "locked-down" };
  if (recoveryCancelled) notifyOutbox();
  return { status: "signed-in", user };
}

/** The account id the passkey was registered with (lib/security-keys/registration.ts), as it reports it. */
function userHandleOf(response: AuthenticationResponseJSON): string | null {
  const handle = response.response.userHandle;
  return handle ? Buffer.from(handle, "base64url").toString("utf8") : null;
}
