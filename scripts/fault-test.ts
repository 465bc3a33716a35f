import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { simpleParser } from "mailparser";
import { startSmtpServer } from "../lib/test-support/smtp";
import { freePort, startCluster, type Cluster } from "../lib/test-support/cluster";
import { closeDatabase, seedAccounts, type SeededAccount } from "./load/accounts";
import { BrowserSession, sleep } from "./load/browser-session";
import { runUsers } from "./load/run-users";
import { Stats } from "./load/stats";

/**
 * `npm run test:faults`: two instances of the production build on PostgreSQL behind the proxy, and
 * three faults, each with its figures printed:
 * 1. the SMTP server is down for FAULT_SMTP_SECONDS (60) while password resets are requested: every
 *    reset email arrives once the server is back, each exactly once;
 * 2. PostgreSQL restarts during load: errors are allowed while it is away, then the same processes
 *    serve again by themselves (a fresh sign-in succeeds, and nothing fails after that);
 * 3. one instance is killed during load: the other keeps serving, and no signed-in user is signed out.
 * Restarting PostgreSQL needs root (pg_ctlcluster); the server is started again whatever happens.
 * Exits 1 if any fault is not survived. `npm run build` first.
 */

/** Requests already under way when the database came back may still fail this long after. */
const RECOVERY_GRACE_MS = 5_000;

const PASSWORD_RESET_SUBJECT = /^Reset your .* password$/;

type Mail = { to: string; subject: string; at: number };

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first");
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(postgresUrl()).hostname))
    throw new Error("The fault tests restart PostgreSQL: they need a server on this machine");
  const mail: Mail[] = [];
  const smtpPort = await freePort();
  const startSmtp = () => startSmtpServer({ port: smtpPort, onMessage: (raw) => void parseMail(raw).then((parsed) => mail.push(parsed)) });
  let smtp = await startSmtp();
  const cluster = await startCluster({ postgresUrl: postgresUrl(), smtpPort });
  const failures: string[] = [];
  try {
    const accounts = await seedAccounts(cluster.env, 90, "fault");
    const [forResets, forRestart, forKill] = [accounts.slice(0, 30), accounts.slice(30, 60), accounts.slice(60)];

    console.log("\n== Fault 1: the SMTP server stops during password resets");
    const outageSeconds = Number(process.env.FAULT_SMTP_SECONDS ?? 60);
    await smtp.close();
    const outageStarted = Date.now();
    await requestResets(cluster, forResets, outageSeconds * 1000 * 0.75);
    await sleep(outageStarted + outageSeconds * 1000 - Date.now());
    smtp = await startSmtp();
    const back = Date.now();
    console.log(`faults: SMTP down for ${((back - outageStarted) / 1000).toFixed(0)} s; ${forResets.length} resets requested meanwhile`);
    const expected = forResets.map((account) => account.email);
    const deadline = back + 180_000;
    while (Date.now() < deadline && resetsReceived(mail, expected).size < expected.length) await sleep(500);
    await sleep(6_000); // one more polling round of every worker: a duplicate would show now
    const received = resetsReceived(mail, expected);
    const counts = expected.map((email) => received.get(email) ?? 0);
    console.log(
      `faults: ${counts.filter((count) => count > 0).length}/${expected.length} reset emails arrived, the last ${((lastResetArrival(mail) - back) / 1000).toFixed(1)} s after the server came back; most copies of one email: ${Math.max(...counts)}`,
    );
    if (counts.some((count) => count !== 1))
      failures.push(`SMTP outage: reset emails per account ${JSON.stringify(counts)}, expected each exactly once`);

    console.log("\n== Fault 2: PostgreSQL restarts during load");
    const [watcherAccount, newcomer] = forKill as [SeededAccount, SeededAccount];
    const watcher = new BrowserSession(cluster.url, "10.250.0.1", new Stats());
    await watcher.signIn(watcherAccount, watcherAccount.totpStep);
    const restartStats = new Stats();
    const loadEnds = Date.now() + 40_000;
    const load = runUsers({ baseUrl: cluster.url, accounts: forRestart, until: loadEnds, stats: restartStats });
    await sleep(10_000);
    const restartStarted = Date.now();
    restartPostgres();
    const restarted = Date.now();
    // The user signed in before the restart keeps reloading a page: the first success is recovery.
    const recovered = await firstSuccess(() => watcher.viewSignedIn("/settings/account"), restartStarted + 120_000);
    const freshSignIn = recovered
      ? await firstSuccess(
          () => new BrowserSession(cluster.url, "10.250.0.2", new Stats()).signIn(newcomer, newcomer.totpStep),
          Date.now() + 60_000,
        )
      : null;
    await load;
    console.log(restartStats.report(40));
    const lateFailures = recovered ? restartStats.failuresSince(recovered + RECOVERY_GRACE_MS) : 0;
    console.log(
      `faults: PostgreSQL restart took ${((restarted - restartStarted) / 1000).toFixed(1)} s; ${restartStats.failureTimes.length} failed requests or flows in all; ` +
        (recovered
          ? `a session from before the restart was served again ${((recovered - restartStarted) / 1000).toFixed(1)} s after it began, without restarting the app; ` +
            `${lateFailures} failures later than ${RECOVERY_GRACE_MS / 1000} s after that; a new sign-in ${freshSignIn ? "succeeded" : "FAILED"}`
          : "the app did not answer within 2 minutes"),
    );
    if (!recovered || !freshSignIn) failures.push("PostgreSQL restart: the app did not recover by itself");
    if (lateFailures > 0) failures.push(`PostgreSQL restart: ${lateFailures} failures after recovery`);
    if ((restartStats.events.get("lost sessions") ?? 0) > 0) failures.push("PostgreSQL restart: signed-in users were sent to sign in");

    console.log("\n== Fault 3: one of the two instances is killed during load");
    const killStats = new Stats();
    const killLoadEnds = Date.now() + 40_000;
    const killLoad = runUsers({ baseUrl: cluster.url, accounts: forKill.slice(2), until: killLoadEnds, stats: killStats });
    // Kill once most users are signed in (or after 20 s), so that there are sessions to lose.
    const killDeadline = Date.now() + 20_000;
    while (Date.now() < killDeadline && (killStats.events.get("sign-ins") ?? 0) < (forKill.length - 2) / 2) await sleep(250);
    await sleep(2_000);
    const signedInBefore = killStats.events.get("sign-ins") ?? 0;
    const killed = Date.now();
    await cluster.instances[0]?.kill();
    // The user signed in since fault 2 reloads a page four times: the proxy alternates, so each
    // reload would have gone to each instance in turn.
    const watcherSurvived = await firstSuccess(async () => {
      for (let view = 0; view < 4; view++) await watcher.viewSignedIn("/settings/account");
    }, killed + 10_000);
    await killLoad;
    console.log(killStats.report(40));
    const afterKill = killStats.failuresSince(killed + 2_000);
    console.log(
      `faults: instance on port ${cluster.instances[0]?.port} killed after ${signedInBefore} sign-ins; ${killStats.failuresSince(killed)} failed requests or flows after the kill ` +
        `(${afterKill} later than 2 s after it); lost sessions: ${killStats.events.get("lost sessions") ?? 0}; sign-ins after the kill: ${(killStats.events.get("sign-ins") ?? 0) - signedInBefore}`,
    );
    console.log(`faults: a session from before the kill ${watcherSurvived ? "still works" : "FAILED"} through the remaining instance`);
    if ((killStats.events.get("lost sessions") ?? 0) > 0 || !watcherSurvived)
      failures.push("instance kill: signed-in users were sent to sign in");
    if (afterKill > 0 || killStats.failuresSince(0) > killStats.failuresSince(killed))
      failures.push("instance kill: the remaining instance did not keep serving");
    if ((killStats.events.get("sign-ins") ?? 0) <= signedInBefore) failures.push("instance kill: nobody signed in after it");
  } finally {
    ensurePostgresRunning();
    await closeDatabase().catch(() => {});
    await cluster.stop();
    await smtp.close();
  }

  if (failures.length > 0) {
    console.error(`\nfaults: FAILED\n${failures.map((failure) => `  - ${failure}`).join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log(
      "\nfaults: passed (no email lost or sent twice, recovery from a database restart without an app restart, an instance loss survived)",
    );
  }
}

/** Each account asks for a reset link from the "Forgot password?" page, spread over `spreadMs`. */
async function requestResets(cluster: Cluster, accounts: SeededAccount[], spreadMs: number): Promise<void> {
  const stats = new Stats();
  await Promise.all(
    accounts.map(async (account, index) => {
      await sleep((spreadMs * index) / accounts.length);
      const browser = new BrowserSession(cluster.url, `10.200.${index}.1`, stats);
      const response = await browser.submitForm("/auth/password/new", { email: account.email });
      const page = await response.text();
      if (response.status !== 200 || !page.includes("If an account uses this address"))
        throw new Error(`reset request for ${account.email} answered ${response.status}`);
    }),
  );
}

function resetsReceived(mail: Mail[], expected: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of mail) {
    if (PASSWORD_RESET_SUBJECT.test(message.subject) && expected.includes(message.to))
      counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
  }
  return counts;
}

function lastResetArrival(mail: Mail[]): number {
  return Math.max(0, ...mail.filter((message) => PASSWORD_RESET_SUBJECT.test(message.subject)).map((message) => message.at));
}

async function parseMail(raw: Buffer): Promise<Mail> {
  const at = Date.now();
  const parsed = await simpleParser(raw);
  const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
  return { to: (to ?? "").toLowerCase(), subject: parsed.subject ?? "", at };
}

/** Runs `attempt` every quarter second until it succeeds; returns when, or null at the deadline. */
async function firstSuccess(attempt: () => Promise<unknown>, deadline: number): Promise<number | null> {
  while (Date.now() < deadline) {
    try {
      await attempt();
      return Date.now();
    } catch {
      await sleep(250);
    }
  }
  return null;
}

/** The local server's cluster as pg_ctlcluster names it (Debian's tools), found by its port. */
function postgresCluster(): string[] {
  const port = new URL(postgresUrl()).port || "5432";
  const line = execFileSync("pg_lsclusters", ["--no-header"])
    .toString()
    .split("\n")
    .find((row) => row.trim().split(/\s+/)[2] === port);
  const [version, name] = line?.trim().split(/\s+/) ?? [];
  if (!version || !name) throw new Error(`No local PostgreSQL cluster on port ${port}: this fault needs the server on this machine`);
  return ["--skip-systemctl-redirect", version, name];
}

function postgresUrl(): string {
  return process.env.TEST_DATABASE_URL?.startsWith("postgres")
    ? process.env.TEST_DATABASE_URL
    : "postgresql://postgres@127.0.0.1:5432/postgres";
}

function restartPostgres(): void {
  execFileSync("pg_ctlcluster", [...postgresCluster(), "restart"], { stdio: "inherit" });
}

/** Other work on this machine uses the server too: it is left running, whatever happened. */
function ensurePostgresRunning(): void {
  try {
    const { hostname, port } = new URL(postgresUrl());
    execFileSync("pg_isready", ["-h", hostname, "-p", port || "5432", "-q"]);
  } catch {
    execFileSync("pg_ctlcluster", [...postgresCluster(), "start"], { stdio: "inherit" });
  }
}

main().catch((error) => {
  ensurePostgresRunning();
  console.error(error);
  process.exit(1);
});
