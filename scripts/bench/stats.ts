// Latency and throughput figures for one load run. Pure, so the report's numbers are unit-tested.

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending list: the smallest value with at least p% of the values
 * at or below it. No interpolation, so every figure is a latency that was actually observed.
 */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  const count = sortedAscending.length;
  if (count === 0) return Number.NaN;
  if (p <= 0) return sortedAscending[0]!;
  const rank = Math.ceil((Math.min(p, 100) / 100) * count);
  return sortedAscending[rank - 1]!;
}

export function summarizeLatencies(latenciesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  let total = 0;
  for (const value of sorted) total += value;
  return {
    count: sorted.length,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Completed requests per second over the wall-clock span of the run. */
export function requestsPerSecond(completed: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (completed * 1000) / elapsedMs : 0;
}

/** a / b, or null when either side is missing or b is zero (a ratio that cannot be stated). */
export function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}
