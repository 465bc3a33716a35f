import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "../../lib/test-support/postgres";
import { startCluster } from "../../lib/test-support/cluster";
import { startAppServer } from "./app-server";
import { stolenDatabase } from "./database-dump";
import { secretsFoundIn } from "./secrets";
import { startMailCatcher } from "./smtp";

/**
 * Starts a real SMTP server and the built app (`npm run build` first), then tells the tests where
 * both are through the environment (E2E_MAIL_DIR, and E2E_APP_ENV: the app's settings, for helpers
 * that use its database or command line).
 *
 * By default one app process in the embedded mode, as a user would run it: on a fresh SQLite file,
 * or, when E2E_DATABASE_URL names a PostgreSQL server, on a fresh database there (dropped afterwards).
 * With E2E_CLUSTER=1 (and E2E_DATABASE_URL), two instances on PostgreSQL behind the round-robin
 * proxy, so consecutive requests of one test land on different processes.
 *
 * After the tests, a copy of the database is searched for the secrets they used (secrets at rest), and
 * so is everything the app printed (no secret in a log line).
 */
export default async function globalSetup() {
  const root = mkdtempSync(path.join(tmpdir(), "keyring-e2e-"));
  const mailDir = path.join(root, "mail");
  const smtp = await startMailCatcher(mailDir);
  const port = process.env.E2E_PORT as string;
  process.env.E2E_MAIL_DIR = mailDir;
  process.env.E2E_SECRETS_FILE = path.join(root, "secrets.jsonl");
  const app = process.env.E2E_CLUSTER === "1" ? await startClusterApp(port, smtp.port) : await startSingleApp(root, port, smtp.port);

  return async () => {
    try {
      await app.stopProcesses();
      // Both checks run, and both are reported, whichever fails.
      const problems = [checkSecretsAtRest, () => checkSecretsInLog(app.output())].flatMap((check) => {
        try {
          check();
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      });
      if (problems.length > 0) throw new Error(problems.join("; "));
    } finally {
      await app.dropDatabase();
      await smtp.close();
      if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
    }
  };
}

type RunningApp = { stopProcesses: () => Promise<void>; dropDatabase: () => Promise<void>; output: () => string };

async function startClusterApp(port: string, smtpPort: number): Promise<RunningApp> {
  const postgresUrl = process.env.E2E_DATABASE_URL;
  if (!postgresUrl?.startsWith("postgres"))
    throw new Error("E2E_CLUSTER=1 needs E2E_DATABASE_URL=postgresql://… (the instances share that server)");
  const cluster = await startCluster({ postgresUrl, smtpPort, proxyPort: Number(port) });
  process.env.E2E_APP_ENV = JSON.stringify(cluster.env);
  // PostgreSQL is dumped while the instances run; the cluster's stop also drops its database.
  // The instances print to the test run's output directly; the single-process pass reads its log.
  return { stopProcesses: async () => {}, dropDatabase: cluster.stop, output: () => "" };
}

async function startSingleApp(root: string, port: string, smtpPort: number): Promise<RunningApp> {
  const postgres = process.env.E2E_DATABASE_URL?.startsWith("postgres")
    ? await createPostgresDatabase(process.env.E2E_DATABASE_URL, "keyring_e2e")
    : null;
  process.env.E2E_APP_ENV = JSON.stringify({
    APP_MODE: "embedded",
    DATA_DIR: path.join(root, "data"),
    PORT: port,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    BCRYPT_COST: "4",
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    TRUST_PROXY: "true",
  });
  const server = await startAppServer(JSON.parse(process.env.E2E_APP_ENV));
  // SQLite is read after the app has stopped and checkpointed its log.
  return { stopProcesses: server.stop, dropDatabase: async () => postgres?.drop(), output: server.output };
}

/**
 * Secrets at rest: after every test has run, a copy of the database (what a thief would take) holds
 * none of the passwords, authenticator secrets, backup codes or link tokens the tests used. Names the
 * kind of secret found, never the secret.
 */
function checkSecretsAtRest() {
  const { checked, found } = secretsFoundIn(stolenDatabase());
  console.log(
    `Secrets at rest: ${checked} secrets used by the tests looked for in a copy of the database, ${[...found.values()].reduce((a, b) => a + b, 0)} found`,
  );
  if (found.size > 0) {
    throw new Error(`The database holds secrets in the clear: ${[...found].map(([kind, count]) => `${count} ${kind}(s)`).join(", ")}`);
  }
}

/** No secret the tests used appears in anything the app printed: a secret must never be written to a log line. */
function checkSecretsInLog(log: string) {
  if (!log) return;
  const { checked, found } = secretsFoundIn(log);
  console.log(
    `Secrets in the log: ${checked} secrets used by the tests looked for in ${log.length} characters the app printed, ${[...found.values()].reduce((a, b) => a + b, 0)} found`,
  );
  if (found.size > 0)
    throw new Error(`The app's log holds secrets: ${[...found].map(([kind, count]) => `${count} ${kind}(s)`).join(", ")}`);
}
