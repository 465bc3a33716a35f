// Benchmarks, printed as figures and ratios (never asserted in the test suite). Run: npm run build, then
// npm run bench
//
// - Backup codes: verifying a wrong code for an account with ten codes, ours (one HMAC and one indexed
//   lookup) against the approach that stores ten bcrypt hashes and compares each (cost 10).
// - Against the production build, started as `npm start` would on a new SQLite file: the password
//   step of sign-in against this machine's bcrypt ceiling (bcrypt.compare on every core, same cost,
//   measured in the same run); the authenticator second step against a bare route (/api/health) of the
//   same server; the JavaScript a browser downloads for the sign-in page.
// SQLite by default; for PostgreSQL set DATABASE_URL to an empty database.
import bcrypt from "bcrypt";
import { mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { generateSecret, generateSync } from "otplib";
import { startAppServer } from "../e2e/support/app-server";
import { formsIn, multipart, type ServedForm } from "../e2e/support/forms";

const SERVER_BCRYPT_COST = Number(process.env.BENCH_BCRYPT_COST ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CORES = availableParallelism();
const CONCURRENCY = 4 * CORES;

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

/** Runs `request` from `CONCURRENCY` loops for `SECONDS`; counts what `request` says succeeded. */
async function throughput(request: (index: number) => Promise<boolean>): Promise<{ perSecond: number; done: number; unexpected: number }> {
  let next = 0;
  let done = 0;
  let unexpected = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        if (await request(next++)) done++;
        else unexpected++;
      }
    }),
  );
  return { perSecond: done / ((performance.now() - start) / 1000), done, unexpected };
}

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
    Array.from({ length: CORES }, () => new Promise<number>((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: { hash, seconds: SECONDS } });
      worker.once("message", resolve);
      worker.once("error", reject);
    })),
  );
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - start) / 1000);
}

const address = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// ---- Backup codes, in this process ----
await migrate(process.env.DATABASE_URL);
const { user } = await createAccount({ email: "bench@example.com", username: "bench", password: "granite-harbour-71", confirmed: true, role: "USER" });
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
  const updated = await db().user.update({ where: { id: row.id }, data: { totpSecret: encryptTotpSecret(row.id, secret), totpEnabledAt: new Date(), twoFactorEnabledAt: new Date() } });
  pendingTokens.push(await startPendingSignIn(updated, { ip: "127.0.0.1", userAgent: "bench" }));
}
await db().$disconnect();

const port = String(41000 + Math.floor(Math.random() * 9000));
const server = await startAppServer({ APP_MODE: "embedded", DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, PORT: port, BCRYPT_COST: String(SERVER_BCRYPT_COST), TRUST_PROXY: "true" });
try {
  const form = async (page: string, cookie?: string): Promise<ServedForm> => {
    const served = formsIn(await (await fetch(`${server.url}${page}`, { headers: cookie ? { cookie } : {} })).text())[0];
    if (!served) throw new Error(`No form on ${page}`);
    return served;
  };
  const post = (page: string, served: ServedForm, fields: Record<string, string>, headers: Record<string, string>) => {
    const { body, contentType } = multipart([...served.actionFields, ...served.hidden, ...Object.entries(fields)]);
    return fetch(`${server.url}${page}`, { method: "POST", headers: { "content-type": contentType, ...headers }, body: new Uint8Array(body), redirect: "manual" });
  };

  const signInForm = await form("/auth/sign-in");
  const passwordStep = await throughput(async (index) => {
    const account = accounts[index % (ACCOUNTS / 2)] as { email: string };
    const response = await post("/auth/sign-in", signInForm, { email: account.email, password }, { "x-forwarded-for": address(index) });
    await response.arrayBuffer();
    return (response.headers.get("set-cookie") ?? "").includes("signin-grant=");
  });
  const ceiling = await bcryptCeiling(passwordHash);
  console.log(`Sign-in, password step (correct password, bcrypt cost ${SERVER_BCRYPT_COST}, ${CONCURRENCY} at a time, ${SECONDS} s):`);
  console.log(`  server: ${passwordStep.perSecond.toFixed(1)} sign-ins/s (${passwordStep.done} done, ${passwordStep.unexpected} other answers)`);
  console.log(`  bcrypt.compare on all ${CORES} cores: ${ceiling.toFixed(1)}/s`);
  console.log(`  ratio: the password step reaches ${((passwordStep.perSecond / ceiling) * 100).toFixed(0)}% of the bcrypt ceiling`);

  const codeForm = await form("/auth/two-factor", `pending-signin=${pendingTokens[0]}`);
  const wrongCode = String((Number(generateSync({ secret })) + 500_000) % 1_000_000).padStart(6, "0");
  const secondStep = await throughput(async (index) => {
    const token = pendingTokens[Math.floor(index / 4) % pendingTokens.length];
    const response = await post("/auth/two-factor", codeForm, { code: wrongCode }, { "x-forwarded-for": address(index), cookie: `pending-signin=${token}` });
    return response.ok && (await response.text()).includes("left before you need to sign in again");
  });
  const bare = await throughput(async (index) => {
    const response = await fetch(`${server.url}/api/health`, { headers: { "x-forwarded-for": address(index) } });
    await response.arrayBuffer();
    return response.ok;
  });
  console.log(`Second step, authenticator code (wrong code, evaluated and recorded; ${CONCURRENCY} at a time, ${SECONDS} s):`);
  console.log(`  second step: ${secondStep.perSecond.toFixed(0)} requests/s (${secondStep.done} evaluated, ${secondStep.unexpected} other answers)`);
  console.log(`  bare route (/api/health): ${bare.perSecond.toFixed(0)} requests/s`);
  console.log(`  ratio: the second step runs at ${((secondStep.perSecond / bare.perSecond) * 100).toFixed(0)}% of a bare request's rate`);

  const html = await (await fetch(`${server.url}/auth/sign-in`)).text();
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] as string);
  const bodies = await Promise.all(scripts.map(async (src) => Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer())));
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => Buffer.from(match[1] as string));
  const all = [...bodies, ...inline];
  const raw = all.reduce((total, body) => total + body.length, 0);
  const gzip = all.reduce((total, body) => total + gzipSync(body).length, 0);
  console.log(`JavaScript of the sign-in page: ${kb(raw)} raw, ${kb(gzip)} gzip (${scripts.length} files and ${inline.length} inline scripts)`);
} finally {
  await server.stop();
}
