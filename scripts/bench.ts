// Benchmarks, printed as figures and ratios (never asserted in the test suite). Run: npm run bench
//
// Backup codes: verifying a wrong code for an account with ten codes, ours (one HMAC and one indexed
// lookup) against the approach that stores ten bcrypt hashes and compares each (cost 10). SQLite by
// default; for PostgreSQL set DATABASE_URL to an empty database.
import bcrypt from "bcrypt";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dataDir = mkdtempSync(path.join(tmpdir(), "keyring-bench-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL ??= `file:${path.join(dataDir, "bench.db")}`;
process.env.BCRYPT_COST = "4";

const { migrate } = await import("@/lib/db/migrate");
const { db } = await import("@/lib/db/client");
const { createAccount } = await import("@/lib/accounts/create-account");
const { backupCodeField, consumeBackupCode, generateBackupCode, replaceBackupCodes } = await import("@/lib/backup-codes/codes");

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
await db().$disconnect();
