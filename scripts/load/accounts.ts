import { generateSync } from "otplib";
import type { LoadAccount } from "./browser-session";

export type SeededAccount = LoadAccount & { totpStep: number };

/**
 * Creates `count` confirmed accounts with an authenticator app turned on, through the app's own lib
 * functions against the cluster's database (run with --conditions=react-server). `env` is the
 * cluster's settings: they become this process's configuration, read once on first use.
 */
export async function seedAccounts(env: Record<string, string>, count: number, prefix: string): Promise<SeededAccount[]> {
  Object.assign(process.env, env);
  const { createAccount } = await import("../../lib/accounts/create-account");
  const { beginAuthenticatorSetup, confirmAuthenticatorSetup } = await import("../../lib/two-factor/setup");
  const accounts: SeededAccount[] = [];
  const one = async (index: number) => {
    const username = `${prefix}${index}`;
    const email = `${username}@example.test`;
    const password = `load test password ${index} ${Math.random().toString(36).slice(2)}`;
    const { user } = await createAccount({ email, username, password, confirmed: true, role: "USER" });
    const totpSecret = await beginAuthenticatorSetup(user);
    const totpStep = Math.floor(Date.now() / 30_000);
    const result = await confirmAuthenticatorSetup(user.id, generateSync({ secret: totpSecret, epoch: totpStep * 30 }), {});
    if (result.status !== "enabled") throw new Error(`two-factor setup for ${username}: ${result.status}`);
    accounts.push({ email, password, totpSecret, totpStep });
  };
  for (let start = 0; start < count; start += 20) {
    await Promise.all(Array.from({ length: Math.min(20, count - start) }, (_, offset) => one(start + offset)));
  }
  return accounts;
}

/** Closes this process's database connections, so that the script can end. */
export async function closeDatabase(): Promise<void> {
  const { db } = await import("../../lib/db/client");
  await db().$disconnect();
}
