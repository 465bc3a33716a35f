// Shared by the password tests in this folder (not a test file itself).
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createAccount } from "@/lib/accounts/create-account";
import { db } from "@/lib/db/client";
import { activateSignInGrant, createSignInGrant } from "@/lib/sessions/sessions";

export const browser = { ip: "192.0.2.40", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
export const digest = (value: string) => createHash("sha256").update(value).digest("hex");

/** A confirmed account with a real bcrypt hash (cost 4 in tests). */
export async function newAccount() {
  const name = `pw_${randomBytes(4).toString("hex")}`;
  const password = `granite harbour ${randomBytes(4).toString("hex")}`;
  const { user } = await createAccount({ email: `${name}@example.com`, username: name, password, confirmed: true, role: "USER" });
  return { user, password };
}

/** A signed-in browser of the user: its session row's id and the secret its cookie carries. */
export async function newSession(userId: string) {
  const activated = await activateSignInGrant(await createSignInGrant(userId, browser));
  assert.ok(activated);
  const row = await db().session.findUniqueOrThrow({ where: { tokenHash: digest(activated.sessionSecret) } });
  return { id: row.id, secret: activated.sessionSecret };
}

/** Emails queued for an address, oldest first. */
export const outboxTo = (to: string) => db().outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

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
