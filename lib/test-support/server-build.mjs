// Loaded by the unit tests' command (`--import ./lib/test-support/server-build.mjs`) to give lib's code
// what Next.js's server gives it:
// - the server build of `next/navigation` (redirect, forbidden): Next.js's bundler picks it for server
//   code, Node's resolver cannot (the package has no exports map), and the browser build it finds needs
//   React's client APIs, which `--conditions=react-server` leaves out;
// - the global AsyncLocalStorage its request store lives in (lib/test-support/next-request.ts);
// - `forbidden()`, which next.config.js's `experimental.authInterrupts` turns on in the build.
import { AsyncLocalStorage } from "node:async_hooks";
import { register } from "node:module";

globalThis.AsyncLocalStorage ??= AsyncLocalStorage;
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
register("./server-build-hooks.mjs", import.meta.url);
