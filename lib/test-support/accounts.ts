// Accounts, sessions and what they leave in the database, for the tests in lib (not a test file itself).
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createAccount } from "@/lib/accounts/create-account";
import { db, type Role, type User } from "@/lib/db/client";
import { onOutboxNotified } from "@/lib/mail/outbox";
import type { RequestContext } from "@/lib/request/context";
import { activateSignInGrant, createSignInGrant } from "@/lib/sessions/sessions";

/** The password of every account from newAccount. */
export const PASSWORD = "granite-harbour-71";
export const browser: RequestContext = { ip: "192.0.2.40", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
export const digest = (value: string) => createHash("sha256").update(value).digest("hex");

/** A confirmed account (unless told otherwise) with a unique name and the role given; its password is PASSWORD. */
export async function newAccount(role: Role = "USER", options: { confirmed?: boolean } = {}): Promise<User> {
  return accountWith(role, options.confirmed ?? true, PASSWORD);
}

/** A confirmed account with a password of its own, for tests that look for it where it must not be. */
export async function newAccountWithOwnPassword(): Promise<{ user: User; password: string }> {
  const password = `granite harbour ${randomBytes(4).toString("hex")}`;
  return { user: await accountWith("USER", true, password), password };
}

async function accountWith(role: Role, confirmed: boolean, password: string): Promise<User> {
  const name = `${role.toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const { user } = await createAccount({ email: `${name}@example.com`, username: name, password, confirmed, role });
  return user;
}

/** A signed-in browser of the user: its session row's id and the secret its cookie carries. */
export async function newSession(userId: string): Promise<{ id: string; secret: string }> {
  const activated = await activateSignInGrant(await createSignInGrant(userId, browser));
  assert.ok(activated, "the sign-in grant was not exchanged");
  const row = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(activated.sessionSecret) } });
  return { id: row.id, secret: activated.sessionSecret };
}

/** The secret a signed-in browser's session cookie carries. */
export async function newSessionSecret(userId: string): Promise<string> {
  return (await newSession(userId)).secret;
}

export const reload = (id: string) => db().user.findUniqueOrThrow({ where: { id } });

/** Emails queued for an address, oldest first. */
export const outboxTo = (to: string) => db().outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

/** How many times `run` asked the outbox to deliver now. */
export async function notificationsDuring(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = onOutboxNotified(() => count++);
  try {
    await run();
  } finally {
    stop();
  }
  return count;
}

export const auditOf = (userId: string, action?: string) =>
  db().auditLog.findMany({ where: { targetUserId: userId, ...(action ? { action } : {}) }, orderBy: { createdAt: "asc" } });

/** The token in the newest reset email queued for the address. */
export async function resetTokenSentTo(to: string): Promise<string> {
  const email = (await outboxTo(to)).filter((row) => /Reset your/.test(row.subject)).at(-1);
  const link = email?.text.match(/https?:\/\/\S+\/auth\/password\/reset\?token=(\S+)/);
  assert.ok(link?.[1], `no reset link mailed to ${to}`);
  return decodeURIComponent(link[1]);
}

/** Everything stored about the user that a secret could leak into. */
export async function storedRows(userId: string) {
  const [tokens, audit, outbox, sessions] = await Promise.all([
    db().userToken.findMany({ where: { userId } }),
    db().auditLog.findMany(),
    db().outboxEmail.findMany(),
    db().session.findMany({ where: { userId } }),
  ]);
  return JSON.stringify({ tokens, audit, outbox, sessions });
}
