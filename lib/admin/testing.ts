// Shared by the tests in lib/admin and lib/cli (not a test file itself).
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createAccount } from "@/lib/accounts/create-account";
import { db, type Role } from "@/lib/db/client";
import { activateSignInGrant, createSignInGrant } from "@/lib/sessions/sessions";

export const PASSWORD = "granite-harbour-71";
export const digest = (value: string) => createHash("sha256").update(value).digest("hex");

/** A confirmed account (unless told otherwise) with a unique name and the role given. */
export async function newAccount(role: Role = "USER", options: { confirmed?: boolean } = {}) {
  const name = `${role.toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const { user } = await createAccount({ email: `${name}@example.com`, username: name, password: PASSWORD, confirmed: options.confirmed ?? true, role });
  return user;
}

/** A signed-in browser of the user: the secret its session cookie carries. */
export async function newSession(userId: string): Promise<string> {
  const activated = await activateSignInGrant(await createSignInGrant(userId, { ip: "192.0.2.50", userAgent: "Mozilla/5.0" }));
  assert.ok(activated, "the sign-in grant was not exchanged");
  return activated.sessionSecret;
}

export const reload = (id: string) => db().user.findUniqueOrThrow({ where: { id } });
export const outboxTo = (to: string) => db().outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
export const auditOf = (userId: string, action?: string) =>
  db().auditLog.findMany({ where: { targetUserId: userId, ...(action ? { action } : {}) }, orderBy: { createdAt: "asc" } });
