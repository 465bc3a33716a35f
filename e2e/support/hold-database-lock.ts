// Holds the write lock on the app's SQLite database, as a stuck process would, and says "locked" once
// it has it; lets go when its standard input closes, or after SECONDS at the most. Run with the app's
// environment: node --conditions=react-server --import tsx e2e/support/hold-database-lock.ts SECONDS
import { createClient } from "@libsql/client";
import { setTimeout as sleep } from "node:timers/promises";
import { config } from "@/lib/config";

const [seconds] = process.argv.slice(2);
const client = createClient({ url: config().databaseUrl });
const transaction = await client.transaction("write");
console.log("locked");
const inputClosed = new Promise<void>((resolve) => {
  process.stdin.on("end", resolve).on("close", resolve).resume();
});
await Promise.race([inputClosed, sleep(Number(seconds) * 1000)]);
await transaction.rollback();
client.close();
process.exit(0);
