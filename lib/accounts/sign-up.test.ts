import assert from "node:assert/strict";
import bcrypt from "bcrypt";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { confirmEmail, resendConfirmation } from "@/lib/accounts/confirm-email";
import { createAccount } from "@/lib/accounts/create-account";
import { signUp } from "@/lib/accounts/sign-up";
import { signUpInput } from "@/lib/accounts/sign-up-input";
import { db } from "@/lib/db/client";
import { freshDatabaseForEachFile } from "@/lib/test-support/database";

freshDatabaseForEachFile();

const PASSWORD = "amber-otter-lantern";
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** What the sign-up form does: parse the fields as the form's schema does, then sign up. */
function signUpWith(fields: { email: string; username: string; password?: string }) {
  const password = fields.password ?? PASSWORD;
  const input = signUpInput.parse({ ...fields, password, passwordConfirmation: password });
  return signUp({ ...input, ip: "203.0.113.7" });
}

const mailTo = (to: string) => db().outboxEmail.findMany({ where: { to } });
/** The one email to this address queued since `earlier` was read. */
async function newMailTo(to: string, earlier: { id: string }[]) {
  const added = (await mailTo(to)).filter((mail) => !earlier.some((old) => old.id === mail.id));
  assert.equal(added.length, 1);
  return added[0];
}

/** The token in the confirmation link of an email. */
function linkToken(email: { text: string; html: string } | undefined): string {
  const match = email?.text.match(/\/auth\/confirmation\?token=([^\s&]+)/);
  assert.ok(match, `no confirmation link in ${email?.text}`);
  assert.ok(email?.html.includes(match[0]), "the HTML part has the same link");
  return decodeURIComponent(match[1] as string);
}

test("sign-up creates an unconfirmed account and mails a confirmation link", async () => {
  assert.deepEqual(await signUpWith({ email: "  Alice@Example.COM ", username: "Alice" }), { ok: true });

  const user = await db().user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
  assert.equal(user.username, "alice");
  assert.equal(user.emailConfirmedAt, null);
  assert.equal(user.role, "USER");
  assert.match(user.passwordHash, /^\$2b\$04\$/);
  assert.equal(await bcrypt.compare(PASSWORD, user.passwordHash), true);

  const tokens = await db().userToken.findMany({ where: { userId: user.id } });
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0]?.purpose, "EMAIL_CONFIRMATION");
  const mail = await mailTo("alice@example.com");
  assert.equal(mail.length, 1);
  assert.match(mail[0]?.subject ?? "", /Confirm your email address/);
  assert.equal(digest(linkToken(mail[0])), tokens[0]?.tokenHash);

  const audit = await db().auditLog.findMany({ where: { targetUserId: user.id } });
  assert.deepEqual(
    audit.map((row) => [row.action, row.actorId, row.ip]),
    [["account.created", user.id, "203.0.113.7"]],
  );

  // The password is nowhere in the database, in any table.
  const everything = await Promise.all([
    db().user.findMany(),
    db().userToken.findMany(),
    db().outboxEmail.findMany(),
    db().auditLog.findMany(),
  ]);
  assert.ok(!JSON.stringify(everything).includes(PASSWORD));
});

test("a taken username is reported at its field, whatever its case, and nothing is created", async () => {
  await signUpWith({ email: "bob@example.com", username: "bob" });
  const result = await signUpWith({ email: "robert@example.com", username: "BOB" });
  assert.deepEqual(result, { ok: false, field: "username", message: "This username is taken. Try another." });
  assert.equal(await db().user.count({ where: { email: "robert@example.com" } }), 0);
  assert.deepEqual(await mailTo("robert@example.com"), []);
});

test("a registered address gets the same answer as a new one, and its owner is told", async () => {
  await signUpWith({ email: "carol@example.com", username: "carol" });
  const carol = await db().user.update({ where: { email: "carol@example.com" }, data: { emailConfirmedAt: new Date() } });
  const usersBefore = await db().user.count();
  const earlier = await mailTo("carol@example.com");

  assert.deepEqual(await signUpWith({ email: "CAROL@example.com", username: "intruder", password: "another-password-9" }), { ok: true });
  assert.equal(await db().user.count(), usersBefore);
  assert.equal(await db().user.count({ where: { username: "intruder" } }), 0);
  const owner = await db().user.findUniqueOrThrow({ where: { id: carol.id } });
  assert.equal(owner.passwordHash, carol.passwordHash, "the account is unchanged");

  const notice = await newMailTo("carol@example.com", earlier);
  assert.match(notice?.subject ?? "", /Sign-up attempt/);
  assert.match(notice?.text ?? "", /Hello @carol,/);
  assert.doesNotMatch(notice?.text ?? "", /token=|intruder/);
});

test("signing up again with an unconfirmed address mails a new link to its owner", async () => {
  await signUpWith({ email: "dave@example.com", username: "dave" });
  const earlier = await mailTo("dave@example.com");
  assert.deepEqual(await signUpWith({ email: "Dave@Example.com", username: "dave2" }), { ok: true });
  assert.equal(await db().user.count({ where: { username: "dave2" } }), 0);
  const second = await newMailTo("dave@example.com", earlier);
  assert.equal(await confirmEmail(linkToken(earlier[0])), "used", "the earlier link was replaced");
  assert.equal(await confirmEmail(linkToken(second)), "valid");
  assert.equal((await db().user.findUniqueOrThrow({ where: { email: "dave@example.com" } })).username, "dave2", "the link's own sign-up");
});

test("two sign-ups with one address at the same moment make one account", async () => {
  const results = await Promise.all([
    signUpWith({ email: "erin@example.com", username: "erin_one" }),
    signUpWith({ email: "ERIN@example.com", username: "erin_two" }),
  ]);
  assert.deepEqual(results, [{ ok: true }, { ok: true }]);
  const users = await db().user.findMany({ where: { email: "erin@example.com" } });
  assert.equal(users.length, 1);
  const live = await db().userToken.count({ where: { userId: users[0]?.id, usedAt: null } });
  assert.equal(live, 1, "one confirmation link works");
});

test("confirming works once, and is recorded", async () => {
  await signUpWith({ email: "frank@example.com", username: "frank" });
  const [mail] = await mailTo("frank@example.com");
  const token = linkToken(mail);

  assert.equal(await confirmEmail(token, "198.51.100.4"), "valid");
  const frank = await db().user.findUniqueOrThrow({ where: { email: "frank@example.com" } });
  assert.ok(frank.emailConfirmedAt && Date.now() - frank.emailConfirmedAt.getTime() < 60_000);
  const audit = await db().auditLog.findMany({ where: { targetUserId: frank.id, action: "account.email_confirmed" } });
  assert.deepEqual(
    audit.map((row) => [row.actorId, row.ip]),
    [[frank.id, "198.51.100.4"]],
  );

  assert.equal(await confirmEmail(token), "used");
  assert.equal(await confirmEmail("not-a-token"), "unknown");
  assert.equal(await db().auditLog.count({ where: { targetUserId: frank.id, action: "account.email_confirmed" } }), 1);
});

test("an expired link confirms nothing", async () => {
  await signUpWith({ email: "gina@example.com", username: "gina" });
  const gina = await db().user.findUniqueOrThrow({ where: { email: "gina@example.com" } });
  await db().userToken.updateMany({ where: { userId: gina.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.equal(await confirmEmail(linkToken((await mailTo("gina@example.com"))[0])), "expired");
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: gina.id } })).emailConfirmedAt, null);
});

test("a confirmation link clicked several times at once confirms once", async () => {
  await signUpWith({ email: "hank@example.com", username: "hank" });
  const token = linkToken((await mailTo("hank@example.com"))[0]);
  const results = await Promise.all(Array.from({ length: 5 }, () => confirmEmail(token)));
  assert.deepEqual(
    results.filter((status) => status === "valid"),
    ["valid"],
  );
  const hank = await db().user.findUniqueOrThrow({ where: { email: "hank@example.com" } });
  assert.equal(await db().auditLog.count({ where: { targetUserId: hank.id, action: "account.email_confirmed" } }), 1);
});

test("asking for a new link: nothing for an unknown or confirmed address, a replacement for an unconfirmed one", async () => {
  await resendConfirmation("nobody@example.com");
  assert.deepEqual(await mailTo("nobody@example.com"), []);

  await signUpWith({ email: "ivy@example.com", username: "ivy" });
  const earlier = await mailTo("ivy@example.com");
  await resendConfirmation("ivy@example.com");
  const replacement = await newMailTo("ivy@example.com", earlier);
  assert.equal(await confirmEmail(linkToken(earlier[0])), "used", "the earlier link stops working");
  assert.equal(await confirmEmail(linkToken(replacement)), "valid");

  await resendConfirmation("ivy@example.com");
  assert.equal((await mailTo("ivy@example.com")).length, 2, "a confirmed address gets nothing");
});

/** What a stranger sees: the answer, and nothing else. */
const answerTo = (fields: { email: string; username: string }) => signUpWith({ ...fields, password: "stranger-picked-pass-4" });

test("a stranger gets one answer per username, whether or not the address is registered", async () => {
  await signUpWith({ email: "known@example.com", username: "known" });
  await db().user.update({ where: { email: "known@example.com" }, data: { emailConfirmedAt: new Date() } });
  await signUpWith({ email: "pending@example.com", username: "pending" });
  await signUpWith({ email: "holder@example.com", username: "taken_name" });

  const addresses = ["known@example.com", "pending@example.com", "fresh-one@example.com"];
  const takenAnswers = [];
  for (const email of addresses) takenAnswers.push(await answerTo({ email, username: "taken_name" }));
  assert.equal(new Set(takenAnswers.map((answer) => JSON.stringify(answer))).size, 1, JSON.stringify(takenAnswers));
  assert.equal(takenAnswers[0]?.ok, false);

  const freeAnswers = [];
  for (const [index, email] of ["known@example.com", "pending@example.com", "fresh-two@example.com"].entries()) {
    freeAnswers.push(await answerTo({ email, username: `free_name_${index}` }));
  }
  assert.deepEqual(freeAnswers, [{ ok: true }, { ok: true }, { ok: true }]);
});

test("the same sign-up sent twice, then its username from another address: one sequence of answers whatever the address", async () => {
  await signUpWith({ email: "repeat-known@example.com", username: "repeat_known" });
  await db().user.update({ where: { email: "repeat-known@example.com" }, data: { emailConfirmedAt: new Date() } });
  await signUpWith({ email: "repeat-pending@example.com", username: "repeat_pending" });

  const sequences = [];
  for (const [index, email] of ["repeat-known@example.com", "repeat-pending@example.com", "repeat-new@example.com"].entries()) {
    const username = `asked_twice_${index}`;
    sequences.push([
      await answerTo({ email, username }),
      await answerTo({ email, username }),
      await answerTo({ email: `prober-${index}@example.com`, username }),
    ]);
  }
  const taken = { ok: false, field: "username", message: "This username is taken. Try another." };
  for (const sequence of sequences) assert.deepEqual(sequence, [{ ok: true }, taken, taken]);
  // Nothing was created for the probers, whoever holds the address.
  assert.equal(await db().user.count({ where: { email: { startsWith: "prober-" } } }), 0);
});

test("a username asked for with a registered address is held for 24 hours, then free", async () => {
  await signUpWith({ email: "holds@example.com", username: "holds" });
  await db().user.update({ where: { email: "holds@example.com" }, data: { emailConfirmedAt: new Date() } });
  await answerTo({ email: "holds@example.com", username: "held_name" });
  const hold = await db().usernameHold.findUniqueOrThrow({ where: { username: "held_name" } });
  const hours = (hold.expiresAt.getTime() - Date.now()) / 3600_000;
  assert.ok(hours > 23.9 && hours <= 24, `held for ${hours} hours`);

  await db().usernameHold.update({ where: { username: "held_name" }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await answerTo({ email: "later@example.com", username: "held_name" }), { ok: true });
  assert.equal((await db().user.findUniqueOrThrow({ where: { username: "held_name" } })).email, "later@example.com");
});

test("a username held by an unconfirmed address's later sign-up goes to its account when that link is opened", async () => {
  await signUpWith({ email: "two-names@example.com", username: "first_name" });
  const earlier = await mailTo("two-names@example.com");
  await signUpWith({ email: "two-names@example.com", username: "second_name" });
  const link = linkToken(await newMailTo("two-names@example.com", earlier));
  assert.equal((await answerTo({ email: "someone-else@example.com", username: "second_name" })).ok, false);

  assert.equal(await confirmEmail(link), "valid");
  assert.equal((await db().user.findUniqueOrThrow({ where: { email: "two-names@example.com" } })).username, "second_name");
  assert.equal(await db().usernameHold.count({ where: { username: "second_name" } }), 0, "the hold ends with the confirmation");
  // The first sign-up's username is free again.
  assert.deepEqual(await answerTo({ email: "someone-else@example.com", username: "first_name" }), { ok: true });
});

test("pre-registering someone's address gains nothing: the owner's own sign-up is what their link activates", async () => {
  // The attacker signs up first with the victim's address and a password of their own.
  await signUpWith({ email: "victim@example.com", username: "squatter", password: "attacker-chose-this-1" });
  const attackerMail = await mailTo("victim@example.com");
  // The victim signs up later with their own username and password.
  assert.deepEqual(await signUpWith({ email: "victim@example.com", username: "victim", password: "victim-own-passphrase" }), { ok: true });
  const victimMail = await newMailTo("victim@example.com", attackerMail);
  assert.match(victimMail?.text ?? "", /Hello @victim,/, "the link mailed is for the victim's own sign-up");

  assert.equal(await confirmEmail(linkToken(attackerMail[0])), "used", "the older pending sign-up is dead");
  assert.equal(await confirmEmail(linkToken(victimMail)), "valid");

  const account = await db().user.findUniqueOrThrow({ where: { email: "victim@example.com" } });
  assert.equal(account.username, "victim");
  assert.ok(account.emailConfirmedAt);
  assert.equal(await bcrypt.compare("victim-own-passphrase", account.passwordHash), true);
  assert.equal(await bcrypt.compare("attacker-chose-this-1", account.passwordHash), false, "the attacker's password opens nothing");
  assert.equal(await db().user.count({ where: { username: "squatter" } }), 0);
});

test("asking for a new link re-sends the newest sign-up, not the first one", async () => {
  await signUpWith({ email: "resent@example.com", username: "first_comer", password: "attacker-chose-this-2" });
  await signUpWith({ email: "resent@example.com", username: "real_owner", password: "owner-own-passphrase" });
  const before = await mailTo("resent@example.com");
  await resendConfirmation("resent@example.com");
  const resent = await newMailTo("resent@example.com", before);
  assert.match(resent?.text ?? "", /Hello @real_owner,/);
  assert.equal(await confirmEmail(linkToken(resent)), "valid");
  const account = await db().user.findUniqueOrThrow({ where: { email: "resent@example.com" } });
  assert.equal(await bcrypt.compare("owner-own-passphrase", account.passwordHash), true);
});

test("the username a later sign-up chose may be taken before its link is used: nothing changes, and the link says so", async () => {
  await signUpWith({ email: "slow@example.com", username: "slow_first" });
  const earlier = await mailTo("slow@example.com");
  await signUpWith({ email: "slow@example.com", username: "contested" });
  const link = linkToken(await newMailTo("slow@example.com", earlier));
  // Sign-ups respect the hold; the operator's command line creates the account anyway.
  assert.equal((await signUpWith({ email: "quick@example.com", username: "contested" })).ok, false);
  await createAccount({
    email: "quick@example.com",
    username: "contested",
    password: "operator-made-pass-5",
    confirmed: true,
    role: "USER",
  });

  assert.equal(await confirmEmail(link), "username-taken");
  const account = await db().user.findUniqueOrThrow({ where: { email: "slow@example.com" } });
  assert.equal(account.emailConfirmedAt, null);
  assert.equal(account.username, "slow_first");
});

test("an unconfirmed account expires with its link after 24 hours and frees its username and address", async () => {
  await signUpWith({ email: "lapsed@example.com", username: "lapsed" });
  const lapsed = await db().user.findUniqueOrThrow({ where: { email: "lapsed@example.com" } });
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
  // 23 hours on: still held.
  await db().user.update({ where: { id: lapsed.id }, data: { createdAt: hoursAgo(23) } });
  await db().userToken.updateMany({
    where: { userId: lapsed.id },
    data: { createdAt: hoursAgo(23), expiresAt: new Date(Date.now() + 3600_000) },
  });
  assert.equal((await answerTo({ email: "other@example.com", username: "lapsed" })).ok, false);

  // 25 hours on: the link has expired, and so has the account.
  await db().user.update({ where: { id: lapsed.id }, data: { createdAt: hoursAgo(25) } });
  await db().userToken.updateMany({ where: { userId: lapsed.id }, data: { expiresAt: hoursAgo(1) } });
  assert.deepEqual(await answerTo({ email: "other@example.com", username: "lapsed" }), { ok: true });
  assert.equal((await db().user.findUniqueOrThrow({ where: { username: "lapsed" } })).email, "other@example.com");
  assert.equal(await db().user.count({ where: { id: lapsed.id } }), 0);
});

test("asking for a new link for a lapsed sign-up removes it and tells the address to sign up again", async () => {
  await signUpWith({ email: "late@example.com", username: "late" });
  const late = await db().user.findUniqueOrThrow({ where: { email: "late@example.com" } });
  await db().user.update({ where: { id: late.id }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
  await db().userToken.updateMany({ where: { userId: late.id }, data: { expiresAt: new Date(Date.now() - 3600_000) } });
  const before = await mailTo("late@example.com");
  await resendConfirmation("late@example.com");
  const notice = await newMailTo("late@example.com", before);
  assert.match(notice?.subject ?? "", /sign-up has expired/);
  assert.doesNotMatch(notice?.text ?? "", /token=/);
  assert.equal(await db().user.count({ where: { id: late.id } }), 0);
});
