// No "server-only" marker: server.ts admits requests before Next.js sees them.
import type { ServerResponse } from "node:http";

/**
 * Lets at most `limit` requests be handled at once; the others wait their turn, in order of arrival.
 * Without it, every request under load was rendered interleaved with every other on the one thread,
 * and the unluckiest took many times the median (README, performance notes); a queue served in order
 * bounds that. Waiting here costs a socket and the body already read. A request's turn ends when its
 * answer is sent or its client goes away; a client that goes away while waiting never takes one.
 */
export function admission(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return function admit(response: ServerResponse, handle: () => void): void {
    let state: "waiting" | "running" | "done" = "waiting";
    const run = () => {
      state = "running";
      handle();
    };
    response.once("close", () => {
      if (state === "running") release();
      else if (state === "waiting") waiting.splice(waiting.indexOf(run), 1);
      state = "done";
    });
    if (running < limit) {
      running += 1;
      run();
    } else {
      waiting.push(run);
    }
  };
}
