// Benchmarks, printed as figures and ratios (never asserted in the test suite). Run: npm run build, then
// npm run bench
//
// - Backup codes: verifying a wrong code for an account with ten codes, ours (one HMAC and one indexed
//   lookup) against the approach that stores ten bcrypt hashes and compares each (cost 10).
// - Against the production build, started as `npm start` would on a new SQLite file, each figure with
//   its ratio, measured in the same run: the password step of sign-in against this machine's bcrypt
//   ceiling (bcrypt.compare on every core, same cost); the authenticator second step against a bare
//   route (/api/health) of the same server; /api/health against a bare Node http server giving the
//   same answer; the JavaScript a modern browser downloads for the sign-in page (polyfills apart)
//   beside an empty page of the same build; the server's resident memory after 50 connections load
//   the sign-in page. p50/p95 latency for each measured step.
// SQLite by default; for PostgreSQL set DATABASE_URL to an empty database. BENCH_PROFILE=folder
// writes a CPU profile of the server for each step there (scripts/bench/profile-hook.cjs).
import bcrypt from "bcrypt";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { generateSecret, generateSync } from "otplib";
import { startAppServer } from "../e2e/support/app-server";
import { formsIn, multipart, type ServedForm } from "../e2e/support/forms";
import { kb, pageJavaScript } from "./bench/javascript";
import { get, latency, startBareServer, throughput as throughputOf } from "./bench/load";
import { cpuSeconds, formatMemory, residentMemory } from "./load/process-figures";

const SERVER_BCRYPT_COST = Number(process.env.BENCH_BCRYPT_COST ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CORES = availableParallelism();
const CONCURRENCY = 4 * CORES;
const MEMORY_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 20);
const MEMORY_CONNECTIONS = 50;
const PROFILE = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;

const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-bench-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL ??= `file:${path.join(dataDir, "bench.db")}`;
process.env.BCRYPT_COST = "4"; // for the accounts this process creates; the server's cost is SERVER_BCRYPT_COST

const { migrate } = await import("@/lib/db/migrate");
const { db } = await import("@/lib/db/client");
const { createAccount } = await import("@/lib/accounts/create-account");
const { backupCodeField, consumeBackupCode, generateBackupCode, replaceBackupCodes } = await import("@/lib/backup-codes/codes");
const { encryptTotpSecret } = await import("@/lib/two-factor/authenticator");
const { startPendingSignIn } = await import("@/lib/auth/pending-sign-in");

async function timeEach(runs: number, work: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] as number, p95: times[Math.floor(runs * 0.95)] as number };
}

const throughput = (request: (index: number) => Promise<boolean>) => throughputOf({ concurrency: CONCURRENCY, seconds: SECONDS }, request);

/** bcrypt.compare on every core at once, in worker threads, for SECONDS: the most any password step can do here. */
async function bcryptCeiling(hash: string): Promise<number> {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const bcrypt = require("bcrypt");
    const deadline = Date.now() + workerData.seconds * 1000;
    let count = 0;
    while (Date.now() < deadline) { bcrypt.compareSync("not the password", workerData.hash); count++; }
    parentPort.postMessage(count);`;
  const start = performance.now();
  const counts = await Promise.all(
    Array.from(
      { length: CORES },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(source, { eval: true, workerData: { hash, seconds: SECONDS } });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - start) / 1000);
}

const address = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;

// ---- Backup codes, in this process ----
await migrate(process.env.DATABASE_URL);
const { user } = await createAccount({
  email: "bench@example.com",
  username: "bench",
  password: "granite-harbour-71",
  confirmed: true,
  role: "USER",
});
const codes = await db().$transaction((tx) => replaceBackupCodes(tx, user.id));
const wrong = backupCodeField.parse(generateBackupCode());

await timeEach(20, () => consumeBackupCode(user.id, wrong, null)); // warm-up
const ours = await timeEach(500, () => consumeBackupCode(user.id, wrong, null));
const hashes = await Promise.all(codes.map((code) => bcrypt.hash(code, 10)));
const bcryptTen = await timeEach(10, async () => {
  for (const hash of hashes) await bcrypt.compare(wrong, hash);
});

const provider = process.env.DATABASE_URL.startsWith("file:") ? "SQLite" : "PostgreSQL";
console.log(`Wrong backup code, account with 10 codes (${provider}):`);
console.log(`  HMAC + indexed lookup:       median ${ours.median.toFixed(2)} ms, p95 ${ours.p95.toFixed(2)} ms (500 runs)`);
console.log(`  10 bcrypt compares, cost 10: median ${bcryptTen.median.toFixed(1)} ms, p95 ${bcryptTen.p95.toFixed(1)} ms (10 runs)`);
console.log(`  ratio: ours is ${(bcryptTen.median / ours.median).toFixed(0)}x faster`);

// ---- The production build, on the same database ----
// Accounts straight in the database, sharing one password hash at the server's cost: each signs in
// at most 10 times in 15 minutes (the per-account limit), so the run spreads over many.
const password = "granite-harbour-71";
const passwordHash = await bcrypt.hash(password, SERVER_BCRYPT_COST);
const ACCOUNTS = 400;
const accounts = Array.from({ length: ACCOUNTS }, (_, index) => ({ email: `bench${index}@example.com`, username: `bench${index}` }));
await db().user.createMany({
  data: accounts.map((account) => ({ ...account, passwordHash, emailConfirmedAt: new Date(), securityStamp: `bench-${account.username}` })),
});
// Half of them with an authenticator app and a pending sign-in: four wrong codes each never void it.
const secret = generateSecret();
const twoFactor = await db().user.findMany({ where: { email: { in: accounts.slice(ACCOUNTS / 2).map((account) => account.email) } } });
const pendingTokens: string[] = [];
for (const row of twoFactor) {
  const updated = await db().user.update({
    where: { id: row.id },
    data: { totpSecret: encryptTotpSecret(row.id, secret), totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() },
  });
  pendingTokens.push(await startPendingSignIn(updated, { ip: "127.0.0.1", userAgent: "bench" }));
}
await db().$disconnect();

if (PROFILE) mkdirSync(PROFILE, { recursive: true });
const port = String(41000 + Math.floor(Math.random() * 9000));
const server = await startAppServer({
  APP_MODE: "embedded",
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.DATABASE_URL,
  PORT: port,
  BCRYPT_COST: String(SERVER_BCRYPT_COST),
  TRUST_PROXY: "true",
  ...(PROFILE
    ? {
        BENCH_PROFILE: PROFILE,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.resolve("scripts/bench/profile-hook.cjs")}`,
      }
    : {}),
});
const bareServer = await startBareServer();

/** The app server's CPU time (/proc) in each step, in seconds: unlike rates, hardly moved by other work on the machine. */
const serverCpu = new Map<string, number>();
const cpuMsEach = (name: string, count: number) => ((serverCpu.get(name) ?? Number.NaN) / count) * 1000;
const cpuEach = (name: string, count: number) => `${cpuMsEach(name, count).toFixed(2)} ms of server CPU each`;

/** Runs one measured step; with BENCH_PROFILE, the server's CPU profile of it goes to PROFILE/<name>.cpuprofile. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const before = cpuSeconds(server.pid);
  try {
    return await profiled(name, work);
  } finally {
    const after = cpuSeconds(server.pid);
    if (before !== null && after !== null) serverCpu.set(name, after - before);
  }
}

async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE || server.pid === undefined) return work();
  // A pause after each signal: two of the same kind sent close together arrive as one.
  const signal = async () => {
    process.kill(server.pid as number, "SIGUSR2");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  };
  writeFileSync(path.join(PROFILE, "step"), name);
  await signal();
  try {
    return await work();
  } finally {
    await signal();
  }
}

try {
  console.log(`Load average at the start: ${loadAverage()}`);
  console.log(`App server after start-up: ${formatMemory(residentMemory(server.pid))}`);
  // A browser sends Origin with every form post; Next.js warns about (and logs) each action request without it.
  const browserHeaders = { origin: server.url };
  const form = async (page: string, cookie?: string): Promise<ServedForm> => {
    const served = formsIn(await (await fetch(`${server.url}${page}`, { headers: cookie ? { cookie } : {} })).text())[0];
    if (!served) throw new Error(`No form on ${page}`);
    return served;
  };
  const post = (page: string, served: ServedForm, fields: Record<string, string>, headers: Record<string, string>) => {
    const { body, contentType } = multipart([...served.actionFields, ...served.hidden, ...Object.entries(fields)]);
    return fetch(`${server.url}${page}`, {
      method: "POST",
      headers: { "content-type": contentType, ...browserHeaders, ...headers },
      body: new Uint8Array(body),
      redirect: "manual",
    });
  };

  const signInForm = await form("/auth/sign-in");
  const passwordStep = await step("sign-in-password", () =>
    throughput(async (index) => {
      const account = accounts[index % (ACCOUNTS / 2)] as { email: string };
      const response = await post("/auth/sign-in", signInForm, { email: account.email, password }, { "x-forwarded-for": address(index) });
      await response.arrayBuffer();
      return (response.headers.get("set-cookie") ?? "").includes("signin-grant=");
    }),
  );
  const benchCpu = process.cpuUsage();
  const ceilingStart = performance.now();
  const ceiling = await bcryptCeiling(passwordHash);
  const compares = (ceiling * (performance.now() - ceilingStart)) / 1000;
  const compareCpuMs = (() => {
    const used = process.cpuUsage(benchCpu);
    return (used.user + used.system) / 1000 / compares;
  })();
  console.log(`Sign-in, password step (correct password, bcrypt cost ${SERVER_BCRYPT_COST}, ${CONCURRENCY} at a time, ${SECONDS} s):`);
  console.log(
    `  server: ${passwordStep.perSecond.toFixed(1)} sign-ins/s (${passwordStep.done} done, ${passwordStep.unexpected} other answers; ${latency(passwordStep)}; ${cpuEach("sign-in-password", passwordStep.done + passwordStep.unexpected)}, bcrypt included)`,
  );
  console.log(`  bcrypt.compare on all ${CORES} cores: ${ceiling.toFixed(1)}/s (${compareCpuMs.toFixed(1)} ms of CPU each)`);
  console.log(`  ratio: the password step reaches ${percent(passwordStep.perSecond, ceiling)} of the bcrypt ceiling (goal: 90%)`);
  console.log(
    `  by CPU time, steadier on a busy machine: bcrypt is ${percent(compareCpuMs, cpuMsEach("sign-in-password", passwordStep.done + passwordStep.unexpected))} of a sign-in's server CPU`,
  );

  const codeForm = await form("/auth/two-factor", `pending-signin=${pendingTokens[0]}`);
  const wrongCode = String((Number(generateSync({ secret })) + 500_000) % 1_000_000).padStart(6, "0");
  const secondStep = await step("second-step", () =>
    throughput(async (index) => {
      const token = pendingTokens[Math.floor(index / 4) % pendingTokens.length];
      const response = await post(
        "/auth/two-factor",
        codeForm,
        { code: wrongCode },
        { "x-forwarded-for": address(index), cookie: `pending-signin=${token}` },
      );
      return response.ok && (await response.text()).includes("left before you need to sign in again");
    }),
  );
  const health = async (index: number) => (await get(`${server.url}/api/health`, { "x-forwarded-for": address(index) })) === 200;
  const bare = await step("health", () => throughput(health));
  console.log(`Second step, authenticator code (wrong code, evaluated and recorded; ${CONCURRENCY} at a time, ${SECONDS} s):`);
  console.log(
    `  second step: ${secondStep.perSecond.toFixed(0)} requests/s (${secondStep.done} evaluated, ${secondStep.unexpected} other answers; ${latency(secondStep)}; ${cpuEach("second-step", secondStep.done + secondStep.unexpected)})`,
  );
  console.log(
    `  bare route (/api/health): ${bare.perSecond.toFixed(0)} requests/s (${latency(bare)}; ${cpuEach("health", bare.done + bare.unexpected)})`,
  );
  console.log(`  ratio: the second step runs at ${percent(secondStep.perSecond, bare.perSecond)} of a bare request's rate (goal: 50%)`);
  console.log(
    `  by CPU time: a bare request costs ${percent(cpuMsEach("health", bare.done + bare.unexpected), cpuMsEach("second-step", secondStep.done + secondStep.unexpected))} of a second step's server CPU (time spent waiting on the disk is not CPU time)`,
  );

  const nodeCpu = cpuSeconds(bareServer.pid);
  const node = await throughput(async () => (await get(`${bareServer.url}/api/health`)) === 200);
  serverCpu.set("bare", (cpuSeconds(bareServer.pid) ?? Number.NaN) - (nodeCpu ?? Number.NaN));
  const healthAgain = await step("health-again", () => throughput(health));
  console.log(`/api/health against a bare Node http server giving the same answer (${CONCURRENCY} at a time, ${SECONDS} s each):`);
  console.log(
    `  /api/health: ${healthAgain.perSecond.toFixed(0)} requests/s (${latency(healthAgain)}; ${cpuEach("health-again", healthAgain.done + healthAgain.unexpected)})`,
  );
  console.log(
    `  bare Node server: ${node.perSecond.toFixed(0)} requests/s (${latency(node)}; ${cpuEach("bare", node.done + node.unexpected)}); the bench's own client shares the cores, so this is a floor`,
  );
  console.log(`  ratio: /api/health runs at ${percent(healthAgain.perSecond, node.perSecond)} of the bare server's rate (goal: 15%)`);
  console.log(
    `  by CPU time: a bare Node request costs ${percent(cpuMsEach("bare", node.done + node.unexpected), cpuMsEach("health-again", healthAgain.done + healthAgain.unexpected))} of an /api/health request's`,
  );

  const signInPage = await pageJavaScript(`${server.url}/auth/sign-in`);
  const emptyPage = await pageJavaScript(`${server.url}/bench-empty-page-${Date.now()}`);
  const scriptCount = (page: typeof signInPage) => `${page.files} files and ${page.inline} inline scripts`;
  console.log(`JavaScript a modern browser downloads (gzip, each file apart; nomodule polyfills excluded):`);
  console.log(`  sign-in page: ${kb(signInPage.gzip)} (${kb(signInPage.raw)} raw; ${scriptCount(signInPage)}) (goal: 110 KB)`);
  console.log(`  empty page of the same build (its 404 page): ${kb(emptyPage.gzip)} (${kb(emptyPage.raw)} raw; ${scriptCount(emptyPage)})`);
  console.log(
    `  ratio: the sign-in page downloads ${percent(signInPage.gzip, emptyPage.gzip)} of the empty page's JavaScript; the polyfills (${signInPage.polyfillFiles} files, ${kb(signInPage.polyfillGzip)}) come on top for old browsers only`,
  );

  const pageLoad = await step("sign-in-page", () =>
    throughputOf(
      { concurrency: MEMORY_CONNECTIONS, seconds: MEMORY_SECONDS },
      async () => (await get(`${server.url}/auth/sign-in`)) === 200,
    ),
  );
  const memory = residentMemory(server.pid);
  console.log(
    `Sign-in page, ${MEMORY_CONNECTIONS} connections for ${MEMORY_SECONDS} s: ${pageLoad.perSecond.toFixed(0)} pages/s (${latency(pageLoad)}; ${cpuEach("sign-in-page", pageLoad.done + pageLoad.unexpected)})`,
  );
  console.log(`  app server: ${formatMemory(memory)} (goal: 300 MB)`);
  console.log(`Load average at the end: ${loadAverage()}`);
} finally {
  await bareServer.stop();
  await server.stop();
}

function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
