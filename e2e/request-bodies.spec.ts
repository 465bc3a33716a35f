import { expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../lib/test-support/cluster";
import { startAppServer, type AppServer } from "./support/app-server";
import { formsIn, multipart } from "./support/forms";

/**
 * Oversized and aborted request bodies, sent as an attacker would, over a raw connection: an
 * oversized body gets a 413, an aborted one leaves nothing in the server's log, and the process keeps
 * serving. Its own server, so that its output can be read.
 */

let server: AppServer;
let port: number;
let root: string;

test.beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "keyring-bodies-"));
  port = await freePort();
  server = await startAppServer({
    APP_MODE: "embedded",
    DATA_DIR: path.join(root, "data"),
    PORT: String(port),
    BCRYPT_COST: "4",
    TRUST_PROXY: "true",
  });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Sends a request with `body` (or its first `sendOnly` bytes, then drops the connection); resolves with the status line, or "no answer". */
function send(head: Record<string, string | number>, body: Buffer, sendOnly?: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const lines = [
      "POST /auth/sign-in HTTP/1.1",
      `Host: localhost:${port}`,
      `Origin: http://localhost:${port}`,
      ...Object.entries(head).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", () => {}); // the server may close while the rest of an oversized body is still going out
    socket.on("close", () => resolve(answer.split("\r\n")[0] || "no answer"));
    socket.write(lines.join("\r\n") + "\r\n\r\n");
    if (sendOnly === undefined) {
      socket.write(body);
      setTimeout(() => socket.destroy(), 5_000);
    } else {
      socket.write(body.subarray(0, sendOnly), () => setTimeout(() => socket.destroy(), 200));
    }
  });
}

const chunked = (body: Buffer) => Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);

test("a 2 MB body gets a 413 however it is sent; an aborted one leaves no error in the log; the server keeps serving", async () => {
  const served = formsIn(await (await fetch(`http://localhost:${port}/auth/sign-in`)).text())[0];
  expect(served?.actionId).toBeTruthy();
  const actionId = served?.actionId as string;
  const outputBefore = server.output().length;

  const twoMegabytes = "a".repeat(2 * 1024 * 1024);
  const urlencoded = Buffer.from(`email=${twoMegabytes}&password=x`);
  const form = multipart([...(served?.actionFields ?? []), ["email", twoMegabytes], ["password", "x"]]);
  const formBody = Buffer.from(form.body);
  const text = Buffer.from(JSON.stringify([{ status: "idle" }, twoMegabytes]));
  const oversized: [string, Record<string, string | number>, Buffer][] = [
    ["urlencoded", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": urlencoded.length }, urlencoded],
    [
      "urlencoded to the action",
      { "Content-Type": "application/x-www-form-urlencoded", "Next-Action": actionId, "Content-Length": urlencoded.length },
      urlencoded,
    ],
    ["the form without JavaScript", { "Content-Type": form.contentType, "Content-Length": formBody.length }, formBody],
    [
      "the form with JavaScript",
      { "Content-Type": "text/plain;charset=UTF-8", "Next-Action": actionId, "Content-Length": text.length },
      text,
    ],
    ["urlencoded, chunked", { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" }, chunked(urlencoded)],
    ["the form without JavaScript, chunked", { "Content-Type": form.contentType, "Transfer-Encoding": "chunked" }, chunked(formBody)],
  ];
  for (const [how, head, body] of oversized)
    expect.soft(await send({ ...head, Connection: "close" }, body), how).toBe("HTTP/1.1 413 Payload Too Large");

  const small = multipart([...(served?.actionFields ?? []), ["email", "a".repeat(100_000)], ["password", "x"]]);
  const smallBody = Buffer.from(small.body);
  // Declared over 1 MB: refused at once, before the client gives up halfway.
  for (const [how, head, body] of oversized.slice(0, 3)) {
    expect.soft(await send(head, body, Math.floor(body.length / 2)), `${how}, aborted halfway`).toBe("HTTP/1.1 413 Payload Too Large");
  }
  const aborted: [Record<string, string | number>, Buffer][] = [
    [{ "Content-Type": small.contentType, "Content-Length": smallBody.length }, smallBody],
    [{ "Content-Type": "application/x-www-form-urlencoded", "Next-Action": actionId, "Content-Length": smallBody.length }, smallBody],
    [{ "Content-Type": "text/plain;charset=UTF-8", "Next-Action": actionId, "Content-Length": smallBody.length }, smallBody],
    [{ "Content-Type": "application/x-www-form-urlencoded", "Content-Length": 100_000 }, urlencoded],
    [{ "Content-Type": small.contentType, "Transfer-Encoding": "chunked" }, chunked(smallBody)],
  ];
  for (const [head, body] of aborted) {
    const half = Math.floor(Number(head["Content-Length"] ?? body.length) / 2);
    expect.soft(await send(head, body, half), JSON.stringify(head)).toBe("no answer");
  }

  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const health = await fetch(`http://localhost:${port}/api/health`);
  expect(health.status).toBe(200);
  // A form of ordinary size still reaches its action, body and all: this address has no account.
  const ordinary = multipart([...(served?.actionFields ?? []), ["email", "nobody@example.test"], ["password", "wrong password"]]);
  const answer = await fetch(`http://localhost:${port}/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": ordinary.contentType, origin: `http://localhost:${port}` },
    body: new Uint8Array(ordinary.body),
  });
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain("Invalid email or password.");
  const log = server.output().slice(outputBefore);
  expect(log).not.toMatch(/uncaughtException|unhandledRejection|Error: aborted|ECONNRESET|\bat \S+:\d+:\d+/);
});

test("after a 413, a client that keeps its connection alive can send its next request on it", async () => {
  const served = formsIn(await (await fetch(`http://localhost:${port}/auth/sign-in`)).text())[0];
  const form = multipart([...(served?.actionFields ?? []), ["email", "a".repeat(2 * 1024 * 1024)], ["password", "x"]]);
  const body = Buffer.from(form.body);
  const socket = connect(port, "127.0.0.1");
  let answer = "";
  socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
  socket.on("error", (error) => (answer += `\n(connection error: ${error.message})`));
  const answered = (count: number) =>
    expect.poll(() => answer.split("\r\n").filter((line) => line.startsWith("HTTP/1.1 ")).length, { timeout: 10_000 }).toBe(count);

  socket.write(
    [
      "POST /auth/sign-in HTTP/1.1",
      `Host: localhost:${port}`,
      `Origin: http://localhost:${port}`,
      `Content-Type: ${form.contentType}`,
      `Content-Length: ${body.length}`,
      "",
      "",
    ].join("\r\n"),
  );
  socket.write(body);
  await answered(1);
  // Whatever it answered, the body is all sent; the connection is the client's to reuse, as HTTP/1.1 allows.
  await new Promise((resolve) => setTimeout(resolve, 500));
  socket.write(["GET /api/health HTTP/1.1", `Host: localhost:${port}`, "", ""].join("\r\n"));
  await answered(2);
  socket.destroy();
  const statuses = answer.split("\r\n").filter((line) => line.startsWith("HTTP/1.1 "));
  expect(statuses).toEqual(["HTTP/1.1 413 Payload Too Large", "HTTP/1.1 200 OK"]);
  expect(answer).not.toContain("connection error");
});
