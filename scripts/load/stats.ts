/**
 * What the load and fault scripts measure: every request's status and latency, grouped by route,
 * and the outcomes of whole flows. Figures are printed, never compared with a timing threshold.
 */
export class Stats {
  readonly latencies: number[] = [];
  readonly statuses = new Map<number, number>();
  /** Requests that got no HTTP answer at all (connection refused or reset, timeout). */
  networkErrors = 0;
  readonly serverErrors: string[] = [];
  readonly events = new Map<string, number>();
  /** What each simulated user is doing now, for progress lines. */
  readonly activities = new Map<number, string>();
  readonly problems: string[] = [];
  /** When each 5xx, unanswered request and broken flow happened (Date.now()). */
  readonly failureTimes: number[] = [];

  record(method: string, path: string, status: number, milliseconds: number): void {
    this.latencies.push(milliseconds);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status >= 500) {
      this.serverErrors.push(`${status} ${method} ${routeOf(path)} at ${new Date().toISOString()}`);
      this.failureTimes.push(Date.now());
    }
  }

  recordFailure(_method: string, _path: string, milliseconds: number): void {
    this.latencies.push(milliseconds);
    this.networkErrors++;
    this.failureTimes.push(Date.now());
  }

  count(event: string): void {
    this.events.set(event, (this.events.get(event) ?? 0) + 1);
  }

  problem(description: string): void {
    this.count("problems");
    this.failureTimes.push(Date.now());
    if (this.problems.length < 20) this.problems.push(description);
  }

  /** How many users are at each activity, most common first. */
  activitySummary(): string {
    const counts = new Map<string, number>();
    for (const activity of this.activities.values()) counts.set(activity, (counts.get(activity) ?? 0) + 1);
    return [...counts]
      .sort(([, a], [, b]) => b - a)
      .slice(0, 5)
      .map(([activity, count]) => `${count} ${activity}`)
      .join("; ");
  }

  /** Failures of any kind at or after `time`. */
  failuresSince(time: number): number {
    return this.failureTimes.filter((failure) => failure >= time).length;
  }

  get requests(): number {
    return this.latencies.length;
  }

  percentile(fraction: number): number {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    if (sorted.length === 0) return 0;
    return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
  }

  report(seconds: number): string {
    const statuses = [...this.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ");
    const events = [...this.events]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `${name}: ${count}`)
      .join(", ");
    return [
      `requests: ${this.requests} in ${seconds.toFixed(1)} s = ${(this.requests / seconds).toFixed(1)} requests/s`,
      `latency: p50 ${this.percentile(0.5).toFixed(0)} ms, p95 ${this.percentile(0.95).toFixed(0)} ms, p99 ${this.percentile(0.99).toFixed(0)} ms, max ${Math.max(0, ...this.latencies).toFixed(0)} ms`,
      `statuses: ${statuses || "none"}; no answer: ${this.networkErrors}`,
      `flows: ${events || "none"}`,
      ...this.serverErrors.slice(0, 10).map((error) => `  5xx: ${error}`),
      ...this.problems.map((problem) => `  problem: ${problem}`),
    ].join("\n");
  }
}

/** /settings/account?x=1 → /settings/account: enough to say where an error came from. */
function routeOf(path: string): string {
  return path.split("?")[0] ?? path;
}
