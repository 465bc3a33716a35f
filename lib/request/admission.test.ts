import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, request as httpRequest, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { admission } from "./admission";

/** A server that admits 2 requests at a time and holds each admitted one until the test answers it. */
async function serverHoldingRequests() {
  const admit = admission(2);
  const held = new Map<string, ServerResponse>();
  const seen = { arrived: 0, closed: 0 };
  const server = createServer((request, response) => {
    seen.arrived += 1;
    response.once("close", () => (seen.closed += 1));
    admit(response, () => held.set(request.url ?? "", response));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const send = (path: string) => {
    const sent = httpRequest({ host: "127.0.0.1", port, path, agent: false });
    const answer = new Promise<string>((resolve, reject) => {
      sent.on("response", (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve(body));
      });
      sent.on("error", reject);
    });
    sent.end();
    return { answer, abort: () => sent.destroy() };
  };
  // Waits on what the server has seen, not on time: admission is decided when a request arrives or closes.
  const arrivals = async (count: number) => {
    while (seen.arrived < count) await sleep(10);
  };
  const closes = async (count: number) => {
    while (seen.closed < count) await sleep(10);
  };
  const handled = () => [...held.keys()].sort();
  const answer = (path: string) => held.get(path)?.end(`answer to ${path}`);
  return { send, arrivals, closes, handled, answer, close: () => (server.closeAllConnections(), server.close()) };
}

test("at most 2 requests are handled at once; the next starts when one is answered, in order of arrival", { timeout: 10_000 }, async () => {
  const server = await serverHoldingRequests();
  try {
    const first = server.send("/1");
    await server.arrivals(1);
    const second = server.send("/2");
    await server.arrivals(2);
    const third = server.send("/3");
    await server.arrivals(3);
    const fourth = server.send("/4");
    await server.arrivals(4);
    assert.deepEqual(server.handled(), ["/1", "/2"]);

    server.answer("/2");
    assert.equal(await second.answer, "answer to /2");
    await server.closes(1);
    assert.deepEqual(server.handled(), ["/1", "/2", "/3"]);

    server.answer("/1");
    assert.equal(await first.answer, "answer to /1");
    await server.closes(2);
    assert.deepEqual(server.handled(), ["/1", "/2", "/3", "/4"]);
    server.answer("/3");
    server.answer("/4");
    assert.deepEqual(await Promise.all([third.answer, fourth.answer]), ["answer to /3", "answer to /4"]);
  } finally {
    server.close();
  }
});

test(
  "a client that hangs up while handled frees its turn; one that hangs up while waiting never takes one",
  { timeout: 10_000 },
  async () => {
    const server = await serverHoldingRequests();
    try {
      const first = server.send("/1");
      first.answer.catch(() => undefined);
      await server.arrivals(1);
      server.send("/2");
      await server.arrivals(2);
      const gone = server.send("/gone");
      gone.answer.catch(() => undefined);
      await server.arrivals(3);
      gone.abort();
      await server.closes(1);
      const next = server.send("/next");
      await server.arrivals(4);
      assert.deepEqual(server.handled(), ["/1", "/2"]);

      first.abort();
      await server.closes(2);
      assert.deepEqual(server.handled(), ["/1", "/2", "/next"]);
      server.answer("/next");
      assert.equal(await next.answer, "answer to /next");
      server.answer("/2");
    } finally {
      server.close();
    }
  },
);
