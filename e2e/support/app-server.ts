import { spawn, type ChildProcess } from "node:child_process";

export type AppServer = {
  url: string;
  /** Everything the app printed so far, standard output and error together. */
  output: () => string;
  pid: number | undefined;
  stop: () => Promise<void>;
};

import { APP_SERVER_COMMAND } from "../../lib/test-support/app-server-command";

/**
 * Starts the built app (`npm run build` first) with `env` as its whole configuration, as an operator
 * would with `npm start`, and waits until it answers. Its output goes to the test run's, and is kept
 * for tests that read it.
 */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const server = spawn(process.execPath, APP_SERVER_COMMAND, {
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  server.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  const url = `http://localhost:${env.PORT}`;
  await waitForServer(`${url}/api/health`, server);
  return {
    url,
    output: () => output,
    pid: server.pid,
    async stop() {
      if (server.exitCode !== null) return;
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    },
  };
}

async function waitForServer(url: string, server: ChildProcess) {
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
