// No "server-only" marker: server.ts admits requests before Next.js sees them.
import type { ServerResponse } from "node:http";

/**
 * Lets at most `limit` requests be handled at once; the others wait their turn, in order of arrival.
 * A request being rendered holds its whole render in memory until its answer is sent; under load,
 * hundreds of them interleaved on one thread each took hundreds of milliseconds longer and all held
 * memory meanwhile. Waiting here costs a socket and the body already read. A request's turn ends when
 * its answer is sent or its client goes away; a client that goes away while waiting never takes one.
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
