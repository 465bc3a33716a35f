import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startMailCatcher } from "./smtp";

/**
 * Starts a real SMTP server and the built app (`npm run build` first) in the embedded mode, as a user
 * would run it: on a fresh SQLite file, or, when E2E_DATABASE_URL names a PostgreSQL server, on a
 * fresh database there (dropped afterwards). Tests reach both through the environment set here.
 */
export default async function globalSetup() {
  const root = mkdtempSync(path.join(tmpdir(), "keyring-e2e-"));
  const mailDir = path.join(root, "mail");
  const smtp = await startMailCatcher(mailDir);
  const port = process.env.E2E_PORT as string;
  const postgres = process.env.E2E_DATABASE_URL?.startsWith("postgres") ? await createPostgresDatabase(process.env.E2E_DATABASE_URL) : null;

  process.env.E2E_MAIL_DIR = mailDir;
  process.env.E2E_APP_ENV = JSON.stringify({
    APP_MODE: "embedded",
    DATA_DIR: path.join(root, "data"),
    PORT: port,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    BCRYPT_COST: "4",
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    TRUST_PROXY: "true",
  });

  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, ...JSON.parse(process.env.E2E_APP_ENV), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForServer(`http://localhost:${port}/auth/sign-in`, server);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await smtp.close();
    await postgres?.drop();
    if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
  };
}

async function waitForServer(url: string, server: ReturnType<typeof spawn>) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited with code ${server.exitCode} before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer at ${url} within 60 s`);
}

async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `keyring_e2e_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
