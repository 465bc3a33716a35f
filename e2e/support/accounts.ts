import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { recordSecret } from "./secrets";

/** How the app's own TypeScript runs outside Next.js: through tsx, with React's server exports. */
const TSX = ["--conditions=react-server", "--import", "tsx"];

export function uniqueName(prefix = "user"): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

/** Creates an account with the operator's command line against the app's own database (or that of `appEnv`). */
export function createAccount(
  options: { confirmed?: boolean; role?: "user" | "admin" | "owner" } = {},
  appEnv: Record<string, string> = JSON.parse(process.env.E2E_APP_ENV as string),
) {
  const username = uniqueName();
  const email = `${username}@example.test`;
  const password = `correct horse ${randomBytes(6).toString("hex")}`;
  recordSecret("password", password);
  const args = [...TSX, "cli.ts", "accounts", "create", username, "--email", email, "--password-stdin"];
  if (options.confirmed ?? true) args.push("--confirmed");
  args.push("--role", options.role ?? "user");
  execFileSync(process.execPath, args, {
    input: password,
    env: { ...process.env, ...appEnv },
    stdio: ["pipe", "pipe", "inherit"],
  });
  return { username, email, password };
}

/** Runs one of the scripts in e2e/support against the app's own database, with the app's settings (or `appEnv`). */
export function runWithAppDatabase(
  script: string,
  args: string[],
  appEnv: Record<string, string> = JSON.parse(process.env.E2E_APP_ENV as string),
): string {
  const output = execFileSync(process.execPath, [...TSX, `e2e/support/${script}`, ...args], {
    env: { ...process.env, ...appEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return output.toString();
}

/** What the app's database recorded of an account's second-factor attempts (see second-factor-figures.ts). */
export function secondFactorFigures(email: string): { failuresRecorded: number; sessions: number; consecutiveFailures: number } {
  return JSON.parse(runWithAppDatabase("second-factor-figures.ts", [email]));
}

/** Pending sign-ins made directly in the app's database (see start-pending-sign-ins.ts). */
export function startPendingSignIns(email: string, count: number): string[] {
  return JSON.parse(runWithAppDatabase("start-pending-sign-ins.ts", [email, String(count)]));
}

export function ageSessions(email: string, days: number): void {
  runWithAppDatabase("age-sessions.ts", [email, String(days)]);
}

/** Turns on an authenticator app for the account, without a browser; returns its secret. */
export function enableAuthenticator(email: string, appEnv?: Record<string, string>): string {
  return JSON.parse(runWithAppDatabase("enable-authenticator.ts", [email], appEnv));
}

/**
 * Takes the write lock on the app's SQLite database from another process and keeps it for `seconds`
 * (see hold-database-lock.ts). Resolves once the lock is held, with a promise of its release.
 */
/**
 * Holds the app's SQLite write lock from another process until `release()` (at most `seconds`): the
 * test lets go once it has seen what a stuck database does, however slow the machine was to get there.
 */
export async function holdDatabaseLock(seconds: number): Promise<{ release: () => Promise<void> }> {
  const holder = spawn(process.execPath, [...TSX, "e2e/support/hold-database-lock.ts", String(seconds)], {
    env: { ...process.env, ...JSON.parse(process.env.E2E_APP_ENV as string) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const released = new Promise<void>((resolve, reject) =>
    holder.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the lock holder exited with ${code}`)))),
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    released.catch(reject);
  });
  return {
    release: () => {
      holder.stdin.end();
      return released;
    },
  };
}

/** Runs `npm run accounts -- …` as the operator, against the app's own database (or that of `appEnv`); returns what it printed. */
export function operatorCommand(args: string[], appEnv: Record<string, string> = JSON.parse(process.env.E2E_APP_ENV as string)): string {
  return execFileSync(process.execPath, [...TSX, "cli.ts", "accounts", ...args], {
    env: { ...process.env, ...appEnv },
    stdio: ["ignore", "pipe", "inherit"],
  }).toString();
}
