// Preloaded into the app server by `BENCH_PROFILE=folder npm run bench`: each SIGUSR2 starts a CPU
// profile or writes the running one to the folder, named after the step that the bench wrote to
// folder/step when it started, with the heap's figures beside it.
const { Session } = require("node:inspector");
const { readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const { getHeapCodeStatistics, getHeapStatistics } = require("node:v8");

const folder = process.env.BENCH_PROFILE;
const session = new Session();
session.connect();
let running = null;
process.on("SIGUSR2", () => {
  if (!running) {
    running = readFileSync(path.join(folder, "step"), "utf8").trim();
    session.post("Profiler.enable", () => session.post("Profiler.start"));
    return;
  }
  const step = running;
  running = null;
  session.post("Profiler.stop", (error, result) => {
    if (error) return console.error("bench profile:", error);
    writeFileSync(path.join(folder, `${step}.cpuprofile`), JSON.stringify(result.profile));
    const heap = getHeapStatistics();
    const code = getHeapCodeStatistics();
    const memory = process.memoryUsage();
    const mb = (bytes) => Math.round(bytes / 1048576);
    writeFileSync(
      path.join(folder, `${step}.memory.json`),
      JSON.stringify(
        {
          rssMb: mb(memory.rss),
          heapUsedMb: mb(memory.heapUsed),
          heapTotalMb: mb(memory.heapTotal),
          externalMb: mb(memory.external),
          arrayBuffersMb: mb(memory.arrayBuffers),
          codeMb: mb(code.code_and_metadata_size + code.bytecode_and_metadata_size),
          mallocedMb: mb(heap.malloced_memory),
        },
        null,
        2,
      ),
    );
  });
});
