// How long after the start each winner got their hold, as a histogram on a roughly logarithmic
// scale: a fair draw gives its holds in the draw's first moments, a first-come sale spreads them
// over the first seconds, and holds offered from the waitlist come minutes later. Pure.
import type { HistogramBin } from "./types";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** [label, from, to) — the last bin is open-ended. Holds given before the start land in the first. */
export const TIME_TO_HOLD_BINS: ReadonlyArray<{ label: string; fromMs: number; toMs: number | null }> = [
  { label: "under 0.1 s", fromMs: 0, toMs: 100 },
  { label: "0.1–1 s", fromMs: 100, toMs: SECOND },
  { label: "1–10 s", fromMs: SECOND, toMs: 10 * SECOND },
  { label: "10–60 s", fromMs: 10 * SECOND, toMs: MINUTE },
  { label: "1–10 min", fromMs: MINUTE, toMs: 10 * MINUTE },
  { label: "10 min or more", fromMs: 10 * MINUTE, toMs: null },
];

export function timeToHoldHistogram(durationsMs: readonly number[]): HistogramBin[] {
  const bins = TIME_TO_HOLD_BINS.map((bin) => ({ ...bin, count: 0 }));
  for (const duration of durationsMs) {
    const bin = bins.find((each) => each.toMs === null || duration < each.toMs) ?? bins[bins.length - 1]!;
    bin.count++;
  }
  return bins;
}

/** The value below which `fraction` of the durations fall (nearest rank); null for none. */
export function percentile(durationsMs: readonly number[], fraction: number): number | null {
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!;
}
