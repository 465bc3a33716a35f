import { performance } from "node:perf_hooks";

export type TimingComparison = { ratio: number; medians: [number, number]; summary: string };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Times `first` and `second` alternately (so that a busy moment of the machine falls on both alike)
 * and compares their medians, in up to `rounds` rounds of `samples` each: it returns the first round
 * whose ratio `accept`s, or the last one. A real difference (one path skipping bcrypt) shows in every
 * round; a machine that was busy for one round does not fail the test.
 */
export async function compareTimings(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  options: { samples: number; rounds: number; accept: (ratio: number, medians: [number, number]) => boolean },
): Promise<TimingComparison & { accepted: boolean; summaries: string[] }> {
  const summaries: string[] = [];
  let last: TimingComparison | undefined;
  for (let round = 0; round < options.rounds; round++) {
    const times: [number[], number[]] = [[], []];
    for (let sample = 0; sample < options.samples; sample++) {
      for (const [index, run] of [first, second].entries()) {
        const start = performance.now();
        await run();
        times[index]!.push(performance.now() - start);
      }
    }
    const medians: [number, number] = [median(times[0]), median(times[1])];
    const ratio = medians[1] / medians[0];
    last = { ratio, medians, summary: `medians ${medians[0].toFixed(1)} ms and ${medians[1].toFixed(1)} ms (ratio ${ratio.toFixed(2)})` };
    summaries.push(last.summary);
    if (options.accept(ratio, medians)) return { ...last, accepted: true, summaries };
  }
  return { ...last!, accepted: false, summaries };
}
