import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startMailCatcher } from "../e2e/support/smtp";
import { startCluster } from "../lib/test-support/cluster";

/**
 * `npm run cluster`: two instances of the production build on a fresh PostgreSQL database behind the
 * round-robin proxy, with an SMTP server that writes each message to a folder. Runs until Ctrl-C,
 * then drops the database. `--build` rebuilds first (otherwise only when there is no build);
 * `--instances N` changes the count. The server comes from DATABASE_URL (default: local PostgreSQL).
 */
async function main() {
  const args = process.argv.slice(2);
  const count = Number(args[args.indexOf("--instances") + 1] ?? 2);
  if (args.includes("--instances") && !(Number.isInteger(count) && count >= 1)) {
    console.error("usage: npm run cluster -- [--build] [--instances N]");
    process.exit(2);
  }
  if (args.includes("--build") || !existsSync(".next/BUILD_ID")) execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });

  const mailDir = mkdtempSync(path.join(tmpdir(), "keyring-cluster-mail-"));
  const smtp = await startMailCatcher(mailDir);
  const postgresUrl = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : "postgresql://postgres@127.0.0.1:5432/postgres";
  const cluster = await startCluster({ postgresUrl, smtpPort: smtp.port, instances: args.includes("--instances") ? count : 2 });

  console.log(
    `\nKeyring: ${cluster.instances.length} instances (ports ${cluster.instances.map((instance) => instance.port).join(", ")}) behind ${cluster.url}`,
  );
  console.log(`Mail arrives in ${mailDir}`);
  console.log(`Database: ${cluster.env.DATABASE_URL} (dropped on exit)`);
  console.log("Ctrl-C stops everything.");

  const stop = async () => {
    await cluster.stop();
    await smtp.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
