import { createServer } from "node:http";
import next from "next";
import { migrate } from "./lib/db/migrate";
import { ConfigError, parseConfig } from "./lib/config/parse";

/**
 * Starts the app: validates the configuration (a clear message and exit code 1 when it is wrong),
 * applies database migrations, then serves Next.js.
 *
 * Next.js keeps an X-Forwarded-For header sent by the client, so without a trusted proxy anyone could
 * pick the address that rate limits count. This server replaces it with the socket's address unless
 * TRUST_PROXY is set, in which case the proxy's header is kept and lib/request/context.ts reads the
 * right-most hop.
 */
async function main() {
  const dev = process.argv.includes("--dev");
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.env.NEXTAUTH_URL = config.appUrl.origin;

  const applied = await migrate(config.databaseUrl);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);

  const app = next({ dev, port: config.port, hostname: "0.0.0.0" });
  const handle = app.getRequestHandler();
  await app.prepare();

  createServer((request, response) => {
    if (!config.trustProxy) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "unknown";
    void handle(request, response);
  }).listen(config.port, () => {
    console.log(`${config.appName} (${config.mode}, ${config.databaseProvider}) listening on port ${config.port}: ${config.appUrl.origin}`);
    if (config.mode === "embedded" && !config.smtpUrl) console.log(`Mail goes to the local mailbox: ${config.appUrl.origin}/mailbox`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
