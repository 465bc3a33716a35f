// No "server-only" marker: server.ts reads request bodies before Next.js sees the request.
import { IncomingMessage, type ServerResponse } from "node:http";

/** No form or route of this app takes more than a server action may (Next.js's serverActions.bodySizeLimit, 1 MB by default). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

type ReadBody = { status: "complete"; request: IncomingMessage } | { status: "too-large" } | { status: "aborted" };

/** How long the rest of a refused body is read and dropped, so that its sender reads the 413 rather than a connection reset. */
const LINGER_MS = 5_000;

/**
 * Reads a request's whole body, at most `limit` bytes, before Next.js sees the request, and
 * resolves with a request carrying it, or with null when the request was answered here or dropped.
 * Next.js copies a body as it arrives for proxy.ts: a client that hung up halfway made it log
 * "Error: aborted" and render a 500 for nobody. Here an aborted body ends the request quietly, a body
 * over the limit (declared or counted, chunked or not) gets a 413 before Next.js reads any of it, and
 * Next.js only ever gets complete bodies. A request without a body is passed on as it is.
 */
export async function receiveBody(
  request: IncomingMessage,
  response: ServerResponse,
  limit = MAX_REQUEST_BODY_BYTES,
): Promise<IncomingMessage | null> {
  const read = await readBody(request, limit);
  if (read.status === "complete") return read.request;
  if (read.status === "too-large") {
    // The rest of the body is read and dropped, as nginx does. Closing while the client still sends
    // would reset the connection, and a reset can destroy the answer before the client reads it
    // (Node.js would close at once for a "Connection: close" client). Once the body has all arrived,
    // a keep-alive connection goes on serving, as the client expects; any other closes. A body that
    // is still arriving after a few seconds loses its connection.
    const keepAlive = response.shouldKeepAlive;
    response.shouldKeepAlive = true;
    response.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
    response.end("This request is too large.");
    const linger = setTimeout(() => request.socket.destroy(), LINGER_MS).unref();
    request.once("end", () => {
      clearTimeout(linger);
      if (!keepAlive) request.socket.end();
    });
  }
  return null;
}

function readBody(request: IncomingMessage, limit: number): Promise<ReadBody> {
  const declared = request.headers["content-length"];
  if (declared === undefined ? request.headers["transfer-encoding"] === undefined : Number(declared) === 0) {
    return Promise.resolve({ status: "complete", request });
  }
  if (Number(declared) > limit) return Promise.resolve({ status: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.resume(); // the rest is dropped (see the lingering close above)
        resolve({ status: "too-large" });
      } else {
        chunks.push(chunk);
      }
    };
    request.on("data", onData);
    // Stays attached: Node.js emits a request's "aborted" error only to a listener, and none must be missing.
    request.on("error", () => resolve({ status: "aborted" }));
    request.on("close", () => {
      if (!request.complete) resolve({ status: "aborted" });
    });
    request.on("end", () => resolve({ status: "complete", request: withBody(request, Buffer.concat(chunks, size)) }));
  });
}

/** A copy of the request whose body stream holds `body`, described by a Content-Length. */
function withBody(original: IncomingMessage, body: Buffer): IncomingMessage {
  const request = new IncomingMessage(original.socket);
  const headers = { ...original.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  request.headers = headers;
  request.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    Array.isArray(value) ? value.flatMap((one) => [name, one]) : [name, String(value)],
  );
  request.url = original.url;
  request.method = original.method;
  request.httpVersion = original.httpVersion;
  request.httpVersionMajor = original.httpVersionMajor;
  request.httpVersionMinor = original.httpVersionMinor;
  request.complete = true;
  request.push(body);
  request.push(null);
  return request;
}
