import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { after, before, mock, test } from "node:test";
import { receiveBody } from "./request-body";

/** What server.ts would hand to Next.js for one request: the request (its copy or itself), or nothing. */
type Outcome =
  | { passedOn: false; answeredHere: boolean; error?: unknown }
  | {
      passedOn: true;
      untouched: boolean;
      complete: boolean;
      method: string | undefined;
      url: string | undefined;
      httpVersion: string;
      headers: IncomingHttpHeaders;
      rawHeaders: string[];
      body: Buffer;
    };

let server: Server;
let port: number;
const outcomes: Outcome[] = [];
let outcomeArrived: () => void = () => {};

before(async () => {
  // As server.ts does: the request goes on only when receiveBody hands one back.
  server = createServer(async (request, response) => {
    try {
      const handed = await receiveBody(request, response);
      if (handed === null) {
        outcomes.push({ passedOn: false, answeredHere: response.headersSent });
      } else {
        const { complete, method, url, httpVersion, headers, rawHeaders } = handed;
        const chunks: Buffer[] = [];
        for await (const chunk of handed) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        outcomes.push({ passedOn: true, untouched: handed === request, complete, method, url, httpVersion, headers, rawHeaders, body });
        response.end(`The app read ${body.length} bytes.`);
      }
    } catch (error) {
      // Not what server.ts could work with: the client sees its connection dropped, and the test fails there.
      outcomes.push({ passedOn: false, answeredHere: false, error });
      request.socket.destroy();
    }
    outcomeArrived();
  });
  // Node.js's own idle timeout (5 s) would close a quiet connection too: off, so that what closes one here is receiveBody.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

const clients = new Set<Socket>();
after(() => {
  for (const client of clients) client.destroy();
  server.closeAllConnections();
  server.close();
});

/** A bound for a test whose server never answers (it would otherwise wait for ever), not a measure of anything. */
const bounded = { timeout: 20_000 };

/** The next request's outcome, once the server has decided it. */
function nextOutcome(): Promise<Outcome> {
  const taken = outcomes.length;
  return new Promise((resolve) => {
    const check = () => {
      if (outcomes.length > taken) resolve(outcomes[taken] as Outcome);
      else outcomeArrived = check;
    };
    check();
  });
}

/** A raw connection, as an attacker would open one: what the server sent, and when it closed. */
function open() {
  const socket = connect(port, "127.0.0.1");
  clients.add(socket);
  let received = "";
  let isClosed = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((waiter) => waiter());
  socket.on("data", (chunk) => {
    received += chunk.toString("latin1");
    wake();
  });
  socket.on("error", () => {}); // the server may close while a refused body is still going out
  const closed = new Promise<void>((resolve) =>
    socket.on("close", () => {
      isClosed = true;
      wake();
      resolve();
    }),
  );
  return {
    socket,
    closed,
    isClosed: () => isClosed,
    received: () => received,
    /** Resolves once the server has sent `text` (`count` times); rejects if it closes the connection first. */
    until(text: string, count = 1): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.split(text).length - 1 >= count) resolve();
          else if (isClosed) reject(new Error(`closed before ${JSON.stringify(text)} (received ${JSON.stringify(received)})`));
          else waiting.push(check);
        };
        check();
      });
    },
  };
}

const head = (lines: string[]) => lines.join("\r\n") + "\r\n\r\n";
const chunked = (body: Buffer, pieces: number) => {
  const size = Math.ceil(body.length / pieces);
  const parts: Buffer[] = [];
  for (let start = 0; start < body.length; start += size) {
    const piece = body.subarray(start, start + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
  }
  return Buffer.concat([...parts, Buffer.from("0\r\n\r\n")]);
};
const oneMegabyte = 1024 * 1024;
const refusal = "HTTP/1.1 413 Payload Too Large";

test("a request without a body, or with an empty one, is passed on as it is", bounded, async () => {
  const connection = open();
  let outcome = nextOutcome();
  connection.socket.write(head(["GET /auth/sign-in HTTP/1.1", "Host: keyring.test"]));
  const bodiless = await outcome;
  assert.ok(bodiless.passedOn);
  assert.equal(bodiless.untouched, true);
  assert.deepEqual(bodiless.headers, { host: "keyring.test" }, "no Content-Length added");
  assert.equal(bodiless.body.length, 0);
  outcome = nextOutcome();
  connection.socket.write(head(["POST /auth/sign-out HTTP/1.1", "Host: keyring.test", "Content-Length: 0"]));
  const empty = await outcome;
  assert.ok(empty.passedOn && empty.untouched, "an empty body is not copied");
  connection.socket.destroy();
});

test("a body of up to 1 MB reaches the app whole, in a copy that declares its length", bounded, async () => {
  const body = Buffer.alloc(oneMegabyte, "a");
  body.write("first", 0);
  body.write("last", oneMegabyte - 4);
  const declared = open();
  let outcome = nextOutcome();
  declared.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", `Content-Length: ${oneMegabyte}`]));
  declared.socket.write(body);
  let passed = await outcome;
  assert.ok(passed.passedOn);
  assert.equal(passed.untouched, false);
  assert.equal(passed.complete, true);
  assert.ok(passed.body.equals(body), "the same bytes");
  assert.equal(passed.headers["content-length"], String(oneMegabyte));
  await declared.until(`The app read ${oneMegabyte} bytes.`);
  declared.socket.destroy();

  // Chunked, with a header sent twice: the copy describes the same request with a Content-Length instead.
  const chunkedSender = open();
  outcome = nextOutcome();
  chunkedSender.socket.write(
    head([
      "POST /api/upload?x=1 HTTP/1.1",
      "Host: keyring.test",
      "Transfer-Encoding: chunked",
      "Set-Cookie: a=1",
      "Set-Cookie: b=2",
      "X-Other: yes",
    ]),
  );
  chunkedSender.socket.write(chunked(body, 7));
  passed = await outcome;
  assert.ok(passed.passedOn);
  assert.equal(passed.untouched, false);
  assert.equal(passed.complete, true);
  assert.equal(passed.method, "POST");
  assert.equal(passed.url, "/api/upload?x=1");
  assert.equal(passed.httpVersion, "1.1");
  assert.ok(passed.body.equals(body));
  assert.deepEqual(passed.headers, {
    host: "keyring.test",
    "set-cookie": ["a=1", "b=2"],
    "x-other": "yes",
    "content-length": String(oneMegabyte),
  });
  assert.deepEqual(passed.rawHeaders, [
    "host",
    "keyring.test",
    "set-cookie",
    "a=1",
    "set-cookie",
    "b=2",
    "x-other",
    "yes",
    "content-length",
    String(oneMegabyte),
  ]);
  await chunkedSender.until(`The app read ${oneMegabyte} bytes.`);
  chunkedSender.socket.destroy();

  const older = open();
  outcome = nextOutcome();
  older.socket.write(head(["POST /auth/sign-in HTTP/1.0", "Host: keyring.test", "Content-Length: 5"]) + "hello");
  passed = await outcome;
  assert.ok(passed.passedOn);
  assert.equal(passed.httpVersion, "1.0");
  assert.equal(passed.body.toString(), "hello");
  await older.closed;
  assert.ok(older.received().endsWith("The app read 5 bytes."));
});

test("a body declared over 1 MB gets a 413 before any of it is sent, and never reaches the app", bounded, async () => {
  const connection = open();
  const outcome = nextOutcome();
  connection.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", `Content-Length: ${oneMegabyte + 1}`]));
  await connection.until("This request is too large.");
  assert.deepEqual(await outcome, { passedOn: false, answeredHere: true });
  const [status, ...headers] = connection.received().split("\r\n\r\n")[0]?.split("\r\n") ?? [];
  assert.equal(status, refusal);
  assert.ok(headers.includes("Content-Type: text/plain; charset=utf-8"), headers.join("\n"));
  assert.ok(headers.includes("X-Content-Type-Options: nosniff"), headers.join("\n"));
  connection.socket.destroy();
});

test("a chunked body that grows over 1 MB gets a 413 and never reaches the app", bounded, async () => {
  const connection = open();
  const outcome = nextOutcome();
  connection.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", "Transfer-Encoding: chunked"]));
  connection.socket.write(chunked(Buffer.alloc(oneMegabyte + 1, "a"), 5));
  await connection.until("This request is too large.");
  assert.deepEqual(await outcome, { passedOn: false, answeredHere: true });
  assert.ok(connection.received().startsWith(refusal));
  connection.socket.destroy();
});

test("after a 413, a keep-alive client's connection serves its next request once the refused body has arrived", bounded, async () => {
  const connection = open();
  const refused = nextOutcome();
  connection.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", `Content-Length: ${2 * oneMegabyte}`]));
  await connection.until(refusal);
  await refused;
  connection.socket.write(Buffer.alloc(2 * oneMegabyte, "a"));
  const next = nextOutcome();
  connection.socket.write(head(["GET /api/health HTTP/1.1", "Host: keyring.test"]));
  await connection.until("The app read 0 bytes.");
  assert.equal((await next).passedOn, true);

  // Counted rather than declared: the rest of the chunked body is read and dropped too.
  const counted = nextOutcome();
  connection.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", "Transfer-Encoding: chunked"]));
  connection.socket.write(chunked(Buffer.alloc(2 * oneMegabyte, "a"), 8));
  await connection.until(refusal, 2);
  assert.equal((await counted).passedOn, false);
  const last = nextOutcome();
  connection.socket.write(head(["GET /api/health HTTP/1.1", "Host: keyring.test"]));
  await connection.until("The app read 0 bytes.", 2);
  assert.equal((await last).passedOn, true);
  assert.equal(connection.isClosed(), false);
  connection.socket.destroy();
});

test("after a 413, a client that asked to close gets its connection closed once the refused body has arrived", bounded, async () => {
  mock.timers.enable({ apis: ["setTimeout"] }); // the lingering close's deadline never comes in this test
  try {
    const connection = open();
    connection.socket.write(
      head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", "Connection: close", `Content-Length: ${2 * oneMegabyte}`]),
    );
    await connection.until("This request is too large.");
    assert.equal(connection.isClosed(), false, "not closed while the client is still sending");
    connection.socket.write(Buffer.alloc(2 * oneMegabyte, "a"));
    await connection.closed;
  } finally {
    mock.timers.reset();
  }
});

test("after a 413, a connection whose body stops arriving is dropped 5 seconds later, and a finished one is not", bounded, async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const stalled = open();
    stalled.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", `Content-Length: ${2 * oneMegabyte}`]) + "abc");
    await stalled.until("This request is too large.");

    const finished = open();
    finished.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", `Content-Length: ${oneMegabyte + 1}`]));
    await finished.until("This request is too large.");
    finished.socket.write(Buffer.alloc(oneMegabyte + 1, "a"));
    const next = nextOutcome();
    finished.socket.write(head(["GET /api/health HTTP/1.1", "Host: keyring.test"]));
    await finished.until("The app read 0 bytes.");
    await next;

    assert.equal(stalled.isClosed(), false);
    mock.timers.tick(4_999);
    assert.equal(stalled.isClosed(), false);
    mock.timers.tick(1);
    await stalled.closed;

    // The finished body's deadline was called off: its connection still serves.
    const after = nextOutcome();
    finished.socket.write(head(["GET /api/health HTTP/1.1", "Host: keyring.test"]));
    await finished.until("The app read 0 bytes.", 2);
    assert.equal((await after).passedOn, true);
    finished.socket.destroy();
  } finally {
    mock.timers.reset();
  }
});

test("a body whose sender hangs up halfway ends quietly: nothing reaches the app and nothing is answered", bounded, async () => {
  for (const [framing, part] of [
    ["Content-Length: 100", "0123456789"],
    ["Transfer-Encoding: chunked", "64\r\n0123456789"],
  ]) {
    const connection = open();
    const outcome = nextOutcome();
    connection.socket.write(head(["POST /auth/sign-in HTTP/1.1", "Host: keyring.test", framing as string]) + part, () =>
      connection.socket.destroy(),
    );
    assert.deepEqual(await outcome, { passedOn: false, answeredHere: false }, framing);
    assert.equal(connection.received(), "", framing);
  }
});
