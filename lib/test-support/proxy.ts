import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export type Upstream = { host: string; port: number };

/** Headers that describe one connection, not the message: never forwarded (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authorization",
  "proxy-authenticate",
]);

/** Form posts are small; a body is kept only so that it can be sent again to the other instance. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Tries of one request, across instances and stale kept-alive connections. */
const MAX_ATTEMPTS = 4;

/** After an instance refuses a connection it is skipped this long, like nginx's `fail_timeout`. */
const DOWN_MILLISECONDS = 5_000;

/**
 * A small reverse proxy for running several app instances on one machine, standing in for nginx:
 * - requests go to the instances in turn (round robin), over kept-alive connections;
 * - X-Forwarded-For gets the client's address appended, X-Forwarded-Proto and -Host are set, so the
 *   app runs with TRUST_PROXY=true and reads the right-most hop;
 * - an instance that refuses the connection is skipped for a few seconds and the request goes to the
 *   next one (a refused connection carried nothing, so even a POST is safe to send again);
 * - a GET whose connection was reset before any answer is sent again; a POST never is, since the
 *   instance may have acted on it before it died. Idle kept-alive connections are closed after 4 s,
 *   long before the instances' own keep-alive timeout (65 s), so that a request is not sent on a
 *   connection the instance is closing at that moment; a 502 is logged with its cause;
 * - responses are piped as they arrive, never buffered, so streamed pages stream.
 *
 * `trustForwardedFrom` is for tests only: when the client's socket address passes it, the client's
 * own right-most X-Forwarded-For entry is taken as its address (nginx's `set_real_ip_from`), so that
 * simulated users on loopback can each come from an address of their own.
 */
export async function startProxy(options: {
  upstreams: Upstream[];
  port?: number;
  trustForwardedFrom?: (address: string) => boolean;
}): Promise<{ port: number; server: Server; close: () => Promise<void> }> {
  // `timeout` ends idle kept-alive connections after 4 s, before the instance would.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  const downUntil = new Map<Upstream, number>();
  let next = 0;

  const pickOrder = (): Upstream[] => {
    const start = next++ % options.upstreams.length;
    const rotated = [...options.upstreams.slice(start), ...options.upstreams.slice(0, start)];
    const now = Date.now();
    const up = rotated.filter((upstream) => (downUntil.get(upstream) ?? 0) <= now);
    // Every instance marked down: try them all anyway rather than refuse outright.
    return up.length > 0 ? up : rotated;
  };

  const server = createServer((clientRequest, clientResponse) => {
    readBody(clientRequest)
      .then((body) => {
        if (body === null) return sendError(clientResponse, 413, "Request body too large");
        const headers = forwardedHeaders(clientRequest, options.trustForwardedFrom);
        return forward(clientRequest.method ?? "GET", clientRequest.url ?? "/", headers, body, pickOrder(), clientResponse);
      })
      .catch(() => sendError(clientResponse, 400, "Bad request"));
  });

  function forward(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
    order: Upstream[],
    clientResponse: ServerResponse,
    attempt = 0,
  ): void {
    const [upstream, ...rest] = order;
    if (!upstream || attempt > MAX_ATTEMPTS) return sendError(clientResponse, 502, "No app instance answered");
    const upstreamRequest = httpRequest({ host: upstream.host, port: upstream.port, method, path, headers, agent });
    let answered = false;
    upstreamRequest.on("response", (upstreamResponse) => {
      answered = true;
      clientResponse.writeHead(
        upstreamResponse.statusCode ?? 502,
        upstreamResponse.statusMessage,
        withoutHopByHop(upstreamResponse.headers),
      );
      clientResponse.flushHeaders();
      upstreamResponse.pipe(clientResponse);
      upstreamResponse.on("error", () => clientResponse.destroy());
      clientResponse.on("close", () => upstreamResponse.destroy());
    });
    upstreamRequest.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return clientResponse.destroy();
      const refused = error.code === "ECONNREFUSED";
      if (refused) downUntil.set(upstream, Date.now() + DOWN_MILLISECONDS);
      const idempotent = method === "GET" || method === "HEAD";
      if (idempotent && error.code === "ECONNRESET")
        return forward(method, path, headers, body, upstreamRequest.reusedSocket ? order : rest, clientResponse, attempt + 1);
      if (refused) return forward(method, path, headers, body, rest, clientResponse, attempt + 1);
      // The method and the error only: a path can carry a link's token.
      console.error(
        `proxy: a ${method} to port ${upstream.port} failed (${error.code ?? error.message}${upstreamRequest.reusedSocket ? ", on a reused connection" : ""}); answered 502`,
      );
      sendError(clientResponse, 502, "The app instance did not answer");
    });
    upstreamRequest.end(body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function forwardedHeaders(request: IncomingMessage, trustForwardedFrom?: (address: string) => boolean): IncomingHttpHeaders {
  const socketAddress = request.socket.remoteAddress ?? "unknown";
  const incoming = typeof request.headers["x-forwarded-for"] === "string" ? request.headers["x-forwarded-for"] : "";
  const claimed = incoming
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean)
    .at(-1);
  const client = claimed && trustForwardedFrom?.(socketAddress) ? claimed : socketAddress;
  return {
    ...withoutHopByHop(request.headers),
    "x-forwarded-for": incoming ? `${incoming}, ${client}` : client,
    "x-forwarded-proto": "http",
    "x-forwarded-host": request.headers.host ?? "",
  };
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase()),
  );
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)));
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
  response.end(`${message}\n`);
}

export function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
