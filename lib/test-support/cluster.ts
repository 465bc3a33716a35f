import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP_SERVER_COMMAND } from "./app-server-command";
import { createPostgresDatabase } from "./postgres";
import { isLoopback, startProxy } from "./proxy";

export type Instance = {
  port: number;
  pid: number | undefined;
  /** Ends the process at once (SIGKILL), as a crash or a lost machine would. */
  kill: () => Promise<void>;
};

export type Cluster = {
  /** The proxy's address: the only one users are given. */
  url: string;
  /** The settings every instance runs with, for the command line and test helpers. */
  env: Record<string, string>;
  instances: Instance[];
  stop: () => Promise<void>;
};

/**
 * Several instances of the built app (`npm run build` first) on one fresh PostgreSQL database, with
 * the same secrets, behind the round-robin proxy: the production layout on one machine. Instances
 * start together, so they also race to apply the migrations (server.ts takes a lock).
 */
export async function startCluster(options: {
  /** A PostgreSQL server URL; a database of its own is created there and dropped by `stop`. */
  postgresUrl: string;
  smtpPort: number;
  instances?: number;
  proxyPort?: number;
  /** Where instances' output goes: "inherit" shows it, "ignore" hides it. */
  output?: "inherit" | "ignore";
}): Promise<Cluster> {
  const root = mkdtempSync(path.join(tmpdir(), "keyring-cluster-"));
  const database = await createPostgresDatabase(options.postgresUrl, "keyring_cluster");
  const proxyPort = options.proxyPort ?? (await freePort());
  const url = `http://localhost:${proxyPort}`;
  const env: Record<string, string> = {
    APP_MODE: "embedded",
    APP_URL: url,
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
    // Given, not generated: every instance must decrypt the others' cookies and secrets.
    AUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    DATA_DIR: path.join(root, "data"),
    BCRYPT_COST: "4",
    TRUST_PROXY: "true",
  };

  const ports = await Promise.all(Array.from({ length: options.instances ?? 2 }, () => freePort()));
  const processes = ports.map((port) => startInstance(port, env, options.output ?? "inherit"));
  const proxy = await startProxy({
    upstreams: ports.map((port) => ({ host: "127.0.0.1", port })),
    port: proxyPort,
    trustForwardedFrom: isLoopback,
  });
  try {
    await Promise.all(ports.map((port, index) => waitForInstance(port, processes[index] as ChildProcess)));
  } catch (error) {
    await Promise.all(processes.map((child) => stopProcess(child)));
    await proxy.close();
    await database.drop();
    throw error;
  }

  return {
    url,
    env,
    instances: ports.map((port, index) => ({
      port,
      pid: processes[index]?.pid,
      kill: () => stopProcess(processes[index] as ChildProcess, "SIGKILL"),
    })),
    async stop() {
      await proxy.close();
      await Promise.all(processes.map((child) => stopProcess(child)));
      await database.drop();
      if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
    },
  };
}

function startInstance(port: number, env: Record<string, string>, output: "inherit" | "ignore"): ChildProcess {
  return spawn(process.execPath, APP_SERVER_COMMAND, {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", output, output],
  });
}

async function waitForInstance(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The instance on port ${port} exited with code ${child.exitCode} before it answered`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/auth/sign-in`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The instance on port ${port} did not answer within 60 s`);
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** A port nothing listens on now (the kernel's pick), for a process started right after. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
