import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";

export type Throughput = { perSecond: number; done: number; unexpected: number; p50: number; p95: number };

/**
 * Runs `request` from `concurrency` loops for `seconds`; counts what `request` says succeeded, and
 * the latency of every request (milliseconds, all answers).
 */
export async function throughput(
  options: { concurrency: number; seconds: number },
  request: (index: number) => Promise<boolean>,
): Promise<Throughput> {
  let next = 0;
  let done = 0;
  let unexpected = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const ok = await request(next++);
        latencies.push(performance.now() - sent);
        if (ok) done++;
        else unexpected++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? Number.NaN;
  return { perSecond: done / ((performance.now() - start) / 1000), done, unexpected, p50: at(0.5), p95: at(0.95) };
}

export const latency = (result: Throughput) => `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`;

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A GET over a kept-alive connection with Node's own http client: far cheaper per request than
 * fetch, so that the bench process, which shares the cores, is not what bounds a fast server.
 */
export function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { agent, headers }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
    });
    sent.once("error", reject);
    sent.end();
  });
}

/**
 * A bare Node http server in a process of its own, answering every request as /api/health does
 * (the same JSON and cache header): what a request costs here without Next.js.
 */
export async function startBareServer(): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const source = `
    const server = require("node:http").createServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify({ status: "ok" }));
    });
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
  const child: ChildProcess = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (data: Buffer) => resolve(data.toString().trim()));
    child.once("exit", (code) => reject(new Error(`The bare server exited with code ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
