import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { freePort } from "./cluster";
import { startProxy } from "./proxy";

/** A stand-in instance: answers with its name and the X-Forwarded-For it received; /stream streams. */
async function startInstance(name: string): Promise<{ port: number; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url === "/stream") {
      response.writeHead(200, { "content-type": "text/plain" });
      response.write("first part ");
      setTimeout(() => response.end("second part"), 1_000);
      return;
    }
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      response.setHeader("set-cookie", ["a=1; Path=/", "b=2; Path=/"]);
      response.end(JSON.stringify({ name, forwardedFor: request.headers["x-forwarded-for"], body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

let one: Awaited<ReturnType<typeof startInstance>>;
let two: Awaited<ReturnType<typeof startInstance>>;
before(async () => {
  one = await startInstance("one");
  two = await startInstance("two");
});
after(() => {
  one.server.close();
  two.server.close();
});

type Answer = { name: string; forwardedFor: string; body: string };

test("requests alternate between the instances, bodies and every cookie pass through", async () => {
  const proxy = await startProxy({ upstreams: [one, two].map(({ port }) => ({ host: "127.0.0.1", port })) });
  try {
    const answers: Answer[] = [];
    for (let index = 0; index < 4; index++) {
      const response = await fetch(`http://127.0.0.1:${proxy.port}/`, { method: "POST", body: `form ${index}` });
      assert.deepEqual(response.headers.getSetCookie(), ["a=1; Path=/", "b=2; Path=/"]);
      answers.push((await response.json()) as Answer);
    }
    assert.deepEqual(
      answers.map((answer) => answer.name),
      ["one", "two", "one", "two"],
    );
    assert.deepEqual(
      answers.map((answer) => answer.body),
      ["form 0", "form 1", "form 2", "form 3"],
    );
  } finally {
    await proxy.close();
  }
});

test("the client's own X-Forwarded-For cannot choose its address: the proxy appends the real one", async () => {
  const untrusting = await startProxy({ upstreams: [{ host: "127.0.0.1", port: one.port }] });
  const trusting = await startProxy({ upstreams: [{ host: "127.0.0.1", port: one.port }], trustForwardedFrom: () => true });
  try {
    const forged = { headers: { "x-forwarded-for": "203.0.113.9" } };
    const plain = (await (await fetch(`http://127.0.0.1:${untrusting.port}/`, forged)).json()) as Answer;
    assert.equal(plain.forwardedFor.split(", ").at(-1), "127.0.0.1", "the right-most entry is the socket's address");
    const behindTrustedHop = (await (await fetch(`http://127.0.0.1:${trusting.port}/`, forged)).json()) as Answer;
    assert.equal(behindTrustedHop.forwardedFor.split(", ").at(-1), "203.0.113.9", "a trusted hop's claim is kept (tests only)");
  } finally {
    await untrusting.close();
    await trusting.close();
  }
});

test("a streamed answer reaches the client part by part, not buffered to the end", async () => {
  const proxy = await startProxy({ upstreams: [{ host: "127.0.0.1", port: one.port }] });
  try {
    const response = await fetch(`http://127.0.0.1:${proxy.port}/stream`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    assert.equal(new TextDecoder().decode(first.value), "first part ", "the first part arrives while the instance is still writing");
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    assert.equal(rest, "second part");
  } finally {
    await proxy.close();
  }
});

test("an instance that is down is skipped: every request, POSTs too, is answered by the other", async () => {
  const proxy = await startProxy({
    upstreams: [
      { host: "127.0.0.1", port: await freePort() },
      { host: "127.0.0.1", port: two.port },
    ],
  });
  try {
    for (let index = 0; index < 4; index++) {
      const response = await fetch(`http://127.0.0.1:${proxy.port}/`, { method: "POST", body: "x" });
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as Answer).name, "two");
    }
  } finally {
    await proxy.close();
  }
});
