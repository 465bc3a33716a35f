import { createServer } from "node:http";
import next from "next";
import { checkpointSqlite, migrate } from "./lib/db/migrate";
import { ConfigError, parseConfig } from "./lib/config/parse";
import { isLoopbackAddress, stampSocketAddress } from "./lib/security/client-socket";
import { admission } from "./lib/request/admission";
import { receiveBody } from "./lib/security/request-body";

/** Requests handled at once by this process; the others wait their turn (lib/request/admission.ts). */
const REQUESTS_AT_ONCE = 16;

/**
 * Starts the app: validates the configuration (a clear message and exit code 1 when it is wrong),
 * applies database migrations, then serves Next.js on HOST (127.0.0.1 in embedded mode by default).
 *
 * Next.js keeps an X-Forwarded-For header sent by the client, so without a trusted proxy anyone could
 * pick the address that rate limits count. This server replaces it with the socket's address unless
 * TRUST_PROXY is set, in which case the proxy's header is kept and lib/request/context.ts reads the
 * right-most hop. The socket's own address is passed on separately, whatever TRUST_PROXY says, for the
 * local mailbox (lib/security/client-socket.ts). Request bodies are read whole before Next.js sees them
 * (lib/security/request-body.ts): one over 1 MB gets a 413, an aborted one ends quietly.
 */
async function main() {
  const dev = process.argv.includes("--dev");
  // Anything this process creates without an explicit mode (SQLite's temporary files, Next.js's cache)
  // is its owner's only, like the database, the mailbox and the secrets.
  process.umask(0o077);
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

  const app = next({ dev, port: config.port, hostname: config.host });
  const handle = app.getRequestHandler();
  await app.prepare();

  const admit = admission(REQUESTS_AT_ONCE);
  const mailbox = config.mode === "embedded" && !config.smtpUrl;
  const server = createServer(async (request, response) => {
    stampSocketAddress(request.headers, request.socket.remoteAddress);
    if (!config.trustProxy) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "unknown";
    const complete = await receiveBody(request, response);
    if (complete) admit(response, () => void handle(complete, response));
  }).listen(config.port, config.host, () => {
    console.log(
      `${config.appName} (${config.mode}, ${config.databaseProvider}) listening on ${config.host} port ${config.port}: ${config.appUrl.origin}`,
    );
    if (mailbox) console.log(`Mail goes to the local mailbox: ${config.appUrl.origin}/mailbox`);
    if (mailbox && !isLoopbackAddress(config.host)) {
      console.warn(
        `Warning: the local mailbox (/mailbox) holds every user's reset links and sign-in codes, and HOST=${config.host} opens this app to other machines. ` +
          "The mailbox answers requests from this machine only, but a proxy running here would pass it on. Set SMTP_URL, or leave HOST unset (127.0.0.1 only).",
      );
    }
  });
  // Behind a reverse proxy that keeps connections to the app open (nginx's upstream keepalive, a cloud
  // load balancer's 60 s), the app must not be the side that closes an idle one: Node's default of 5 s
  // races a request the proxy sends on it at that moment, and the proxy answers that request with a 502.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Stopped by a signal (a service manager, Ctrl-C): stop taking requests, and leave no old copies of
  // erased rows in SQLite's log on disk.
  const stop = async () => {
    server.close();
    await checkpointSqlite(config.databaseUrl).catch((error) =>
      console.error("database: final checkpoint failed:", (error as Error).message),
    );
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
