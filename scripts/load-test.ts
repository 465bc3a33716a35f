import { existsSync } from "node:fs";
import { startSmtpServer } from "../lib/test-support/smtp";
import { startCluster } from "../lib/test-support/cluster";
import { closeDatabase, seedAccounts } from "./load/accounts";
import { formatMemory, residentMemory } from "./load/process-figures";
import { runUsers } from "./load/run-users";
import { Stats } from "./load/stats";

/**
 * `npm run test:load`: LOAD_USERS simulated users (200) for LOAD_SECONDS (60) against two instances of
 * the production build on PostgreSQL behind the proxy, each signing in with password and
 * authenticator code, viewing Preferences pages and signing out, over plain HTTP. Prints throughput
 * and latency percentiles; exits 1 on any 5xx answer, lost session or broken flow.
 * The PostgreSQL server is TEST_DATABASE_URL's (default: the local one); `npm run build` first.
 */
async function main() {
  const users = Number(process.env.LOAD_USERS ?? 200);
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first");
  const postgresUrl = process.env.TEST_DATABASE_URL?.startsWith("postgres")
    ? process.env.TEST_DATABASE_URL
    : "postgresql://postgres@127.0.0.1:5432/postgres";

  const smtp = await startSmtpServer();
  const cluster = await startCluster({ postgresUrl, smtpPort: smtp.port });
  try {
    let started = Date.now();
    const accounts = await seedAccounts(cluster.env, users, "load");
    console.log(`load: ${users} accounts with an authenticator app created in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const stats = new Stats();
    started = Date.now();
    console.log(`load: ${users} users for ${seconds} s against ${cluster.url} (${cluster.instances.length} instances, PostgreSQL)`);
    const progress = setInterval(
      () =>
        console.log(
          `load: ${((Date.now() - started) / 1000).toFixed(0)} s, ${stats.requests} requests, ${stats.events.get("sign-ins") ?? 0} sign-ins (${stats.activitySummary()})`,
        ),
      10_000,
    );
    await runUsers({ baseUrl: cluster.url, accounts, until: started + seconds * 1000, stats }).finally(() => clearInterval(progress));
    const elapsed = (Date.now() - started) / 1000;
    console.log(stats.report(elapsed));
    console.log(`sign-ins per second: ${((stats.events.get("sign-ins") ?? 0) / elapsed).toFixed(1)}`);
    for (const instance of cluster.instances)
      console.log(`instance on port ${instance.port}: ${formatMemory(residentMemory(instance.pid))}`);

    const failures = stats.serverErrors.length + stats.networkErrors + (stats.events.get("problems") ?? 0);
    if (failures > 0 || (stats.events.get("sign-ins") ?? 0) < users) {
      console.error(
        `load: FAILED (${stats.serverErrors.length} answers 5xx, ${stats.events.get("lost sessions") ?? 0} lost sessions, ${failures} failures in all)`,
      );
      process.exitCode = 1;
    } else {
      console.log("load: passed (no 5xx, no lost session, every flow completed)");
    }
  } finally {
    await closeDatabase();
    await cluster.stop();
    await smtp.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
