import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { test } from "node:test";
import { isLoopbackAddress, requestFromLoopback, stampSocketAddress } from "./client-socket";

test("loopback is 127.0.0.0/8 and ::1, in any spelling the socket may give; nothing else is", () => {
  for (const address of [
    "127.0.0.1",
    "127.0.0.2",
    "127.255.255.254",
    "::1",
    "0:0:0:0:0:0:0:1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::FFFF:127.1.2.3",
  ]) {
    assert.equal(isLoopbackAddress(address), true, address);
  }
  for (const address of ["192.0.2.2", "10.0.0.1", "128.0.0.1", "126.255.255.255", "0.0.0.0", "::", "fd00::2", "::ffff:192.0.2.2", "::2"]) {
    assert.equal(isLoopbackAddress(address), false, address);
  }
  for (const garbage of [
    undefined,
    null,
    "",
    "localhost",
    "127.0.0.1, 192.0.2.2",
    "127.0.0.1 ",
    " 127.0.0.1",
    "127.0.0.1:3000",
    "[::1]",
    "unknown",
  ]) {
    assert.equal(isLoopbackAddress(garbage), false, String(garbage));
  }
});

test("in a process not started by server.ts (`next start`), nobody is taken for loopback, whatever the header says", () => {
  assert.equal(requestFromLoopback(new Headers({ "x-keyring-socket-address": "127.0.0.1" })), false);
});

/** The request's headers as a page sees them, after server.ts stamped them for a socket from `socket`. */
function pageHeaders(sent: IncomingHttpHeaders, socket: string | undefined): Headers {
  const headers = { ...sent };
  stampSocketAddress(headers, socket);
  return new Headers(Object.entries(headers).map(([name, value]): [string, string] => [name, String(value)]));
}

test("only the socket's address counts: headers a remote client sends claiming loopback are dropped", () => {
  const forged = {
    "x-keyring-socket-address": "127.0.0.1",
    "x-forwarded-for": "127.0.0.1",
    "x-real-ip": "::1",
    forwarded: "for=127.0.0.1",
  };
  assert.equal(requestFromLoopback(pageHeaders(forged, "192.0.2.2")), false);
  assert.equal(requestFromLoopback(pageHeaders(forged, undefined)), false, "no socket address (a destroyed socket): refused");
  assert.equal(
    requestFromLoopback(pageHeaders({ "x-forwarded-for": "192.0.2.9" }, "127.0.0.1")),
    true,
    "a local proxy's client is whoever the socket says",
  );
  assert.equal(requestFromLoopback(pageHeaders({}, "::ffff:127.0.0.1")), true);
});
