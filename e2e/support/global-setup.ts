import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSmtpServer } from "./smtp";

/**
 * Starts a real SMTP server and the built app (`npm run build` first) on a fresh SQLite file in the
 * embedded mode, as a user would run it. Tests reach both through the environment set here.
 */
export default async function globalSetup() {
  const root = mkdtempSync(path.join(tmpdir(), "keyring-e2e-"));
  const mailDir = path.join(root, "mail");
  const smtp = await startSmtpServer(mailDir);
  const port = process.env.E2E_PORT as string;

  process.env.E2E_MAIL_DIR = mailDir;
  process.env.E2E_APP_ENV = JSON.stringify({
    APP_MODE: "embedded",
    DATA_DIR: path.join(root, "data"),
    PORT: port,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    BCRYPT_COST: "4",
    TRUST_PROXY: "true",
  });

  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, ...JSON.parse(process.env.E2E_APP_ENV), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForServer(`http://localhost:${port}/auth/sign-in`, server);

  return async () => {
    server.kill("SIGTERM");
    await smtp.close();
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
