import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { findPendingSignIn, voidPendingSignIns, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { consumeBackupCode, holdsUnusedBackupCode } from "@/lib/backup-codes/codes";
import { recordBackupCodeCheck } from "@/lib/backup-codes/checkup";
import { recordBackupCodeUse } from "@/lib/backup-codes/record-use";
import { db, type Db, type User } from "@/lib/db/client";
import { notifyOutbox } from "@/lib/mail/outbox";
import { acceptPasskeyConfirmation, hasUsablePasskey } from "@/lib/passkeys/confirmation";
import { acceptKeySignature } from "@/lib/security-keys/authentication";
import type { RequestContext } from "@/lib/request/context";
import { cancelRecoveryOnSignIn } from "@/lib/recovery/close";
import { acceptAuthenticatorCode } from "./authenticator";
import { acceptEmailCode, emailCodesAvailable, emailCodeState } from "./email-code";
import { MAX_CONSECUTIVE_FAILURES, recordSecondFactorFailure, reserveSecondFactorAttempt, type SecondFactorPlace } from "./failures";

export type { SecondFactorPlace } from "./failures";

type Inputs = {
  authenticator: { code: string };
  "backup-code": { code: string };
  "email-code": { code: string };
  "security-key": { response: AuthenticationResponseJSON };
  passkey: { response: AuthenticationResponseJSON };
};
export type SecondFactorMethod = keyof Inputs;
/** What the form of each method sends, once parsed. */
export type SecondFactorInput<M extends SecondFactorMethod> = Inputs[M];

/**
 * Who is asked: the account behind a pending sign-in (its cookie's token), or a signed-in account at
 * the sudo prompt, before an administrator action, when turning two-factor authentication off, or
 * checking a backup code without using it (a guessing oracle, so it counts like the others).
 */
export type SecondFactorContext =
  | { place: "sign-in"; pendingToken: string; client: RequestContext }
  /** `sessionId`: the signed-in session, which holds a passkey's challenge. */
  | { place: Exclude<SecondFactorPlace, "sign-in">; userId: string; sessionId?: string; client: RequestContext };

export type SecondFactorResult =
  /** At sign-in the pending sign-in has ended: the caller grants the session. */
  | { status: "verified"; user: User }
  /** The pending sign-in is gone (expired, finished elsewhere, voided, or the credentials changed). */
  | { status: "expired" }
  /** The account has no such method, or this place does not take it. Nothing was counted. */
  | { status: "unavailable" }
  /** An emailed code was not sent yet, or has expired. Nothing was counted. */
  | { status: "no-email-code" | "email-code-expired" }
  | { status: "wrong-code"; attemptsLeft: number }
  /** Five failures in a row: at sign-in the pending sign-in is void; elsewhere codes are refused until the run ends. */
  | { status: "too-many-failures" }
  | { status: "rate-limited"; retryAfterSeconds: number };

type Subject = { user: User; pending: PendingSignIn | null; sessionId?: string; client: RequestContext; place: SecondFactorPlace };

type Method<Input> = {
  /** As the security log and the emails name it. */
  name: string;
  places: readonly SecondFactorPlace[];
  available: (subject: Subject) => boolean | Promise<boolean>;
  /** Problems the user can fix before a guess is checked (and counted). */
  notReady?: (subject: Subject) => Promise<"no-email-code" | "email-code-expired" | null>;
  /** The check; its conditional update decides races. Runs in the transaction that records the success. */
  accept: (tx: Db, subject: Subject, input: Input) => Promise<boolean>;
  /** What a success records, in the same transaction; true when it queued an email. */
  afterUse?: (tx: Db, subject: Subject) => Promise<boolean>;
};

const METHODS: { [M in SecondFactorMethod]: Method<Inputs[M]> } = {
  authenticator: {
    name: "authenticator app",
    places: ["sign-in", "sudo", "admin-action", "disable-two-factor"],
    available: ({ user }) => user.totpEnabledAt !== null && user.totpSecret !== null,
    accept: (tx, { user }, { code }) => acceptAuthenticatorCode(user, code, tx),
  },
  "backup-code": {
    name: "backup code",
    places: ["sign-in", "disable-two-factor", "backup-code-check"],
    available: ({ user }) => user.twoFactorEnabledAt !== null,
    accept: (tx, { user, client, place }, { code }) =>
      place === "backup-code-check" ? holdsUnusedBackupCode(user.id, code, tx) : consumeBackupCode(user.id, code, client.ip ?? null, tx),
    // Turning 2FA off removes every code and sends its own email; only a sign-in is reported here.
    async afterUse(tx, { user, pending, client, place }) {
      if (place === "backup-code-check") return (await recordBackupCodeCheck(tx, user.id, client), false);
      return pending ? (await recordBackupCodeUse(tx, user, client), true) : false;
    },
  },
  "email-code": {
    name: "email code",
    places: ["sign-in"],
    available: ({ user }) => emailCodesAvailable(user),
    async notReady({ pending }) {
      const state = pending ? await emailCodeState(pending.id) : "none";
      return state === "none" ? "no-email-code" : state === "expired" ? "email-code-expired" : null;
    },
    accept: (tx, { pending }, { code }) => (pending ? acceptEmailCode(pending, code, tx) : Promise.resolve(false)),
  },
  "security-key": {
    name: "security key",
    places: ["sign-in"],
    available: () => true,
    accept: (tx, { pending, client }, { response }) =>
      pending ? acceptKeySignature(pending, response, tx, client) : Promise.resolve(false),
  },
  // A user-verified passkey is as fresh a proof as an app code; it is counted the same way. At sign-in
  // a passkey answers as a security key (above), or alone, without a password (lib/passkeys/sign-in.ts).
  passkey: {
    name: "passkey",
    places: ["sudo", "admin-action"],
    available: ({ user }) => hasUsablePasskey(user.id),
    accept: (tx, { user, sessionId, client }, { response }) =>
      acceptPasskeyConfirmation(tx, { userId: user.id, sessionId, response, client }),
  },
};

export function secondFactorMethodName(method: SecondFactorMethod): string {
  return METHODS[method].name;
}

class PendingSignInEnded extends Error {}

/**
 * The one check of a second factor, wherever one is asked for. Every attempt takes a slot on the
 * account's one counter first (lib/two-factor/failures.ts: 5 in a row, 100 an hour, shared by every
 * method and place); a failure is audited and emailed (at most once an hour); a success clears the
 * run of failures and, at sign-in, ends the pending sign-in in the same transaction as the code's
 * use, so of two parallel successes one wins.
 */
export async function verifySecondFactor<M extends SecondFactorMethod>(options: {
  method: M;
  input: Inputs[M];
  context: SecondFactorContext;
}): Promise<SecondFactorResult> {
  const method = METHODS[options.method] as Method<Inputs[M]>;
  const { context } = options;
  const subject = await findSubject(context);
  if (!subject) return { status: "expired" };
  if (!method.places.includes(context.place) || !(await method.available(subject))) return { status: "unavailable" };
  const notReady = await method.notReady?.(subject);
  if (notReady) return { status: notReady };

  const reservation = await reserveSecondFactorAttempt(subject.user.id);
  // Refused, but not voided here: the slots may be held by attempts still running, one of which may be
  // the right code. The fifth actual failure voids the pending sign-in below.
  if (reservation === "too-many-failures") return { status: "too-many-failures" };
  if (!("reserved" in reservation)) return { status: "rate-limited", retryAfterSeconds: reservation.retryAfterSeconds };
  const failures = reservation.reserved.secondFactorFailures;

  // One transaction decides the answer and records it, right or wrong.
  const outcome = await db()
    .$transaction(async (tx) => {
      if (!(await method.accept(tx, subject, options.input))) {
        const attempt = { method: method.name, place: context.place };
        const emailed = await recordSecondFactorFailure(tx, subject.user, attempt, subject.client);
        return emailed ? ("wrong-with-email" as const) : ("wrong" as const);
      }
      if (subject.pending && (await tx.pendingSignIn.deleteMany({ where: { id: subject.pending.id } })).count !== 1)
        throw new PendingSignInEnded();
      await tx.user.update({ where: { id: subject.user.id }, data: { secondFactorFailures: 0 } });
      // A second factor at sign-in proves the owner holds one: an open recovery request ends with it.
      const recoveryCancelled = subject.pending ? await cancelRecoveryOnSignIn(tx, subject.user, subject.client, method.name) : false;
      const emailed = await method.afterUse?.(tx, subject);
      return emailed || recoveryCancelled ? ("verified-with-email" as const) : ("verified" as const);
    })
    .catch((error: unknown) => {
      // The code's use is rolled back with it: it stays usable for a sign-in that can still finish.
      if (error instanceof PendingSignInEnded) return "ended" as const;
      throw error;
    });
  if (outcome === "verified-with-email" || outcome === "wrong-with-email") notifyOutbox();
  if (outcome === "ended") return { status: "expired" };
  if (outcome === "verified" || outcome === "verified-with-email") return { status: "verified", user: subject.user };

  if (failures >= MAX_CONSECUTIVE_FAILURES) {
    // Wherever the fifth failure happened, no sign-in of the account waiting for its second step may
    // finish. No code is checked any more, so only a new sign-in with the password ends the run: a
    // stolen session alone gets five guesses, and the owner is never locked out for good.
    await voidPendingSignIns(subject.user.id);
    return { status: "too-many-failures" };
  }
  return { status: "wrong-code", attemptsLeft: Math.max(MAX_CONSECUTIVE_FAILURES - failures, 1) };
}

async function findSubject(context: SecondFactorContext): Promise<Subject | null> {
  if (context.place === "sign-in") {
    const pending = await findPendingSignIn(context.pendingToken);
    return pending ? { user: pending.user, pending, client: context.client, place: context.place } : null;
  }
  const user = await db().user.findUnique({ where: { id: context.userId } });
  return user ? { user, pending: null, sessionId: context.sessionId, client: context.client, place: context.place } : null;
}
