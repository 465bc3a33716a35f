// No "server-only" marker: server.ts stamps every request with this before Next.js sees it.
import type { IncomingHttpHeaders } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * The address of the socket a request came in on, for the few pages that must know whether the
 * client is on this machine (the local mailbox, S31). Unlike X-Forwarded-For it does not depend on
 * TRUST_PROXY: a proxy on this machine makes its clients look local, which is the price of putting
 * one in front of the embedded mode's mailbox (the README says so).
 */
const SOCKET_ADDRESS_HEADER = "x-keyring-socket-address";

/** Shared through globalThis: server.ts and the pages' bundles load this module separately. */
const STAMPED = Symbol.for("keyring.socketAddressStamped");
const stampedGlobal = globalThis as { [STAMPED]?: boolean };

/** server.ts, for every request: drops any copy the client sent and records the socket's address. */
export function stampSocketAddress(headers: IncomingHttpHeaders, socketAddress: string | undefined): void {
  stampedGlobal[STAMPED] = true;
  delete headers[SOCKET_ADDRESS_HEADER];
  if (socketAddress) headers[SOCKET_ADDRESS_HEADER] = socketAddress;
}

/**
 * Whether the request's socket is a loopback address. False when the socket's address is unknown, and
 * in a process that does not stamp requests (started with `next start`, not server.ts), where the
 * header would be the client's own.
 */
export function requestFromLoopback(headers: Headers): boolean {
  return stampedGlobal[STAMPED] === true && isLoopbackAddress(headers.get(SOCKET_ADDRESS_HEADER));
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** 127.0.0.0/8 or ::1, IPv4-mapped forms (::ffff:127.0.0.1) included; anything that is not an address is not. */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  const family = isIP(address ?? "");
  return family !== 0 && LOOPBACK.check(address as string, family === 4 ? "ipv4" : "ipv6");
}
