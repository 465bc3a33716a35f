import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "@/lib/accounts/create-account";
import { findPendingSignIn, startPendingSignIn, type PendingSignIn } from "@/lib/auth/pending-sign-in";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";
import { acceptEmailCode, emailCodeField, emailCodeState, sendEmailCode } from "@/lib/two-factor/email-code";
import { verifySecondFactor } from "@/lib/two-factor/verify";

freshDatabaseForEachFile();

const browser = { ip: "192.0.2.50", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" };
let users = 0;

/** A user with two-factor authentication on and emailed codes opted in, after a correct password. */
async function waitingForSecondStep(options: { optedIn?: boolean } = {}) {
  users++;
  const { user: created } = await createAccount({
    email: `mail${users}@example.com`,
    username: `mail${users}`,
    password: "granite-harbour-71",
    confirmed: true,
    role: "USER",
  });
  const user = await db().user.update({
    where: { id: created.id },
    data: { twoFactorEnabledAt: new Date(), emailCodesEnabled: options.optedIn ?? true },
  });
  return { user, pending: await startAnother(user.id) };
}
async function startAnother(userId: string): Promise<PendingSignIn> {
  const token = await startPendingSignIn(await db().user.findUniqueOrThrow({ where: { id: userId } }), browser);
  return (await findPendingSignIn(token)) as PendingSignIn;
}
/** The code, read from the queued email (as the user would read it in their inbox). */
async function mailedCode(email: string): Promise<string> {
  const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  return /^(\d{6})$/m.exec(mail.text)?.[1] as string;
}
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

test("a 6-digit code is mailed and only its keyed digest is stored, bound to the pending sign-in", async () => {
  const { user, pending } = await waitingForSecondStep();
  assert.deepEqual(await sendEmailCode(pending), { status: "sent" });
  const code = await mailedCode(user.email);
  assert.match(code, /^\d{6}$/);
  const row = await db().pendingSignIn.findUniqueOrThrow({ where: { id: pending.id } });
  assert.match(row.emailCodeDigest ?? "", /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(row).includes(code));
  const lifetime = (row.emailCodeExpiresAt?.getTime() ?? 0) - Date.now();
  assert.ok(lifetime > 9 * 60_000 && lifetime <= 10 * 60_000, "expires within 10 minutes");
  const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email } });
  assert.match(mail.text, /expires in 10 minutes/);
  assert.match(mail.text, /IP address 192\.0\.2\.50/);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "email_code.sent" } }), 1);
});

test("the code works once; a wrong, replayed or other sign-in's code does not", async () => {
  const { user, pending } = await waitingForSecondStep();
  await sendEmailCode(pending);
  const code = await mailedCode(user.email);
  const elsewhere = await startAnother(user.id);

  assert.equal(await acceptEmailCode(pending, otherCode(code)), false);
  assert.equal(await acceptEmailCode(elsewhere, code), false, "bound to the sign-in it was sent for");
  const raced = await Promise.all([acceptEmailCode(pending, code), acceptEmailCode(pending, code), acceptEmailCode(pending, code)]);
  assert.deepEqual(raced.filter(Boolean), [true], "of three at once, one is accepted");
  assert.equal(await acceptEmailCode(pending, code), false, "used up");
});

test("an expired code is refused, and the second step can say so before counting a guess", async () => {
  const { user, pending } = await waitingForSecondStep();
  assert.equal(await emailCodeState(pending.id), "none");
  await sendEmailCode(pending);
  assert.equal(await emailCodeState(pending.id), "live");
  const { emailCodeExpiresAt } = await db().pendingSignIn.findUniqueOrThrow({ where: { id: pending.id } });
  assert.ok(
    emailCodeExpiresAt && Math.abs(emailCodeExpiresAt.getTime() - (Date.now() + 10 * 60_000)) < 5_000,
    "a code works for 10 minutes",
  );
  const code = await mailedCode(user.email);
  await db().pendingSignIn.update({ where: { id: pending.id }, data: { emailCodeExpiresAt: new Date(Date.now() - 1000) } });
  assert.equal(await emailCodeState(pending.id), "expired");
  assert.equal(await acceptEmailCode(pending, code), false);
});

test("a new code replaces the last one, and resending is limited", async () => {
  const { user, pending } = await waitingForSecondStep();
  await sendEmailCode(pending);
  const first = await mailedCode(user.email);
  const again = await sendEmailCode(pending);
  assert.equal(again.status, "just-sent", "once a minute per sign-in");
  await db().rateLimit.deleteMany({ where: { key: `email-code:pending:${pending.id}` } });
  assert.equal((await sendEmailCode(pending)).status, "sent");
  const second = await mailedCode(user.email);
  // Two draws of six digits agree once in a million runs: then this fails, rather than passing unchecked.
  assert.notEqual(second, first);
  assert.equal(await acceptEmailCode(pending, first), false, "the earlier code is void");
  assert.equal(await acceptEmailCode(pending, second), true);

  // Five emails an hour per account (two so far); a click within the minute does not count.
  for (const expected of ["sent", "sent", "sent", "too-many"]) {
    await db().rateLimit.deleteMany({ where: { key: `email-code:pending:${pending.id}` } });
    assert.equal((await sendEmailCode(pending)).status, expected);
  }
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 5);
});

test("wrong emailed codes count toward the shared failure counter", async () => {
  const { user, pending } = await waitingForSecondStep();
  await sendEmailCode(pending);
  const code = await mailedCode(user.email);
  const token = await startPendingSignIn(await db().user.findUniqueOrThrow({ where: { id: user.id } }), browser);
  const other = await findPendingSignIn(token);
  assert.ok(other);
  assert.equal((await sendEmailCode(other)).status, "sent");
  const step = (guess: string) =>
    verifySecondFactor({
      method: "email-code",
      input: { code: guess },
      context: { place: "sign-in", pendingToken: token, client: browser },
    });
  // The code was sent for the other sign-in: here it is a wrong guess like any other.
  assert.deepEqual(await step(code), { status: "wrong-code", attemptsLeft: 4 });
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: user.id } })).secondFactorFailures, 1);
  const failures = await db().auditLog.findMany({ where: { targetUserId: user.id, action: "second_factor.failed" } });
  assert.deepEqual(
    failures.map((entry) => entry.details),
    ["email code, at sign-in"],
  );
});

test("nothing is sent without the user's opt-in, or when the operator forbids emailed codes", async () => {
  const notOptedIn = await waitingForSecondStep({ optedIn: false });
  assert.deepEqual(await sendEmailCode(notOptedIn.pending), { status: "unavailable" });

  const optedIn = await waitingForSecondStep();
  await sendEmailCode(optedIn.pending);
  const code = await mailedCode(optedIn.user.email);
  config().allowEmailCodes = false;
  try {
    assert.equal(await acceptEmailCode(optedIn.pending, code), false, "a code sent before is refused too");
    assert.deepEqual(await sendEmailCode(await startAnother(optedIn.user.id)), { status: "unavailable" });
  } finally {
    config().allowEmailCodes = true;
  }
  assert.equal(await db().outboxEmail.count({ where: { to: notOptedIn.user.email } }), 0);
});

test("typed codes may have spaces; anything but six digits gets a clear message", () => {
  assert.equal(emailCodeField.parse(" 123 456 "), "123456");
  assert.equal(emailCodeField.safeParse("12345").error?.issues[0]?.message, "The code in the email has 6 digits.");
  assert.equal(emailCodeField.safeParse("").error?.issues[0]?.message, "Enter the 6-digit code from the email.");
  assert.equal(emailCodeField.safeParse(undefined).error?.issues[0]?.message, "Enter the 6-digit code from the email.");
  for (const typed of ["1234567", "x123456", "123456x", "12345六"]) {
    assert.equal(emailCodeField.safeParse(typed).error?.issues[0]?.message, "The code in the email has 6 digits.", typed);
  }
});

test("an account with two-factor authentication off is sent no code, even if it once opted in", async () => {
  const { user } = await waitingForSecondStep();
  await db().user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: null } });
  assert.deepEqual(await sendEmailCode(await startAnother(user.id)), { status: "unavailable" });
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 0);
});

test("a sign-in that has ended is sent no code, and nothing is recorded", async () => {
  const { user, pending } = await waitingForSecondStep();
  await db().pendingSignIn.update({ where: { id: pending.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await sendEmailCode(pending), { status: "ended" });
  const row = await db().pendingSignIn.findUniqueOrThrow({ where: { id: pending.id } });
  assert.equal(row.emailCodeDigest, null);
  assert.equal(await db().outboxEmail.count({ where: { to: user.email } }), 0);
  assert.equal(await db().auditLog.count({ where: { targetUserId: user.id, action: "email_code.sent" } }), 0);
  assert.equal(await emailCodeState("no-such-sign-in"), "none");
});
