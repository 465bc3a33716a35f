import { readFileSync } from "node:fs";

/** A process's resident memory now and at its peak (VmRSS and VmHWM in /proc), in MB; null where /proc has no such process. */
export function residentMemory(pid: number | undefined): { currentMb: number; peakMb: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
    return { currentMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

export function formatMemory(memory: ReturnType<typeof residentMemory>): string {
  return memory ? `${memory.currentMb.toFixed(0)} MB resident (peak ${memory.peakMb.toFixed(0)} MB)` : "resident memory unknown (no /proc)";
}

/** CPU time a process has used so far (user and system, from /proc), in seconds; null where /proc has no such process. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
