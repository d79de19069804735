// The server's time as seen from the browser: the local monotonic clock plus the best measured
// offset. The countdowns and the buy button run on it, so a laptop clock set minutes ahead never
// opens a sale early. (The server stays authoritative: reserve.lua checks the window with Redis TIME.)
import { bestSample, recentSamples, sampleFromExchange, type ClockSample } from "./clock-offset";

export interface ServerClockOptions {
  /** Asks the server for its epoch milliseconds. */
  fetchServerTime: () => Promise<number>;
  /** A local clock that never jumps (epoch-scaled performance.now in the browser). */
  localNow: () => number;
  /** Exchanges per sync; the quickest one wins. */
  samplesPerSync?: number;
  maxSampleAgeMs?: number;
  maxSamples?: number;
}

export interface ServerClock {
  /** Best estimate of the server's epoch milliseconds. */
  now(): number;
  /** How far now() may be off (± ms); Infinity until a round trip has been measured. */
  uncertaintyMs(): number;
  /**
   * A coarse start from a time the server rendered into the page. It is older than it looks (the
   * page took a while to arrive), so it errs towards the past: a countdown then ends late, never early.
   */
  seed(serverTime: number): void;
  /** Measures a few round trips; concurrent calls share one run. Never rejects. */
  sync(): Promise<void>;
  /** Called whenever the estimate changes. */
  subscribe(listener: () => void): () => void;
}

export const DEFAULT_SAMPLES_PER_SYNC = 4;
const DEFAULT_MAX_SAMPLE_AGE_MS = 10 * 60_000;
const DEFAULT_MAX_SAMPLES = 12;

export function createServerClock(options: ServerClockOptions): ServerClock {
  const samplesPerSync = options.samplesPerSync ?? DEFAULT_SAMPLES_PER_SYNC;
  const limits = {
    maxAgeMs: options.maxSampleAgeMs ?? DEFAULT_MAX_SAMPLE_AGE_MS,
    max: options.maxSamples ?? DEFAULT_MAX_SAMPLES,
  };
  const listeners = new Set<() => void>();
  let samples: ClockSample[] = [];
  let best: ClockSample | null = null;
  let seededOffset: number | null = null;
  let running: Promise<void> | null = null;

  const currentOffset = () => best?.offsetMs ?? seededOffset ?? 0;
  const notify = () => listeners.forEach((listener) => listener());

  async function measureOnce(): Promise<void> {
    const sentAt = options.localNow();
    const serverTime = await options.fetchServerTime();
    const sample = sampleFromExchange({ sentAt, serverTime, receivedAt: options.localNow() });
    if (!sample) return;
    samples = recentSamples([...samples, sample], sample.takenAt, limits);
    const previous = currentOffset();
    best = bestSample(samples);
    if (currentOffset() !== previous) notify();
  }

  async function runSync(): Promise<void> {
    for (let attempt = 0; attempt < samplesPerSync; attempt++) {
      try {
        await measureOnce();
      } catch {
        // A failed exchange only costs precision; the previous estimate stands.
      }
    }
  }

  return {
    now: () => options.localNow() + currentOffset(),
    uncertaintyMs: () => (best ? best.rttMs / 2 : Number.POSITIVE_INFINITY),
    seed(serverTime) {
      const offset = serverTime - options.localNow();
      // Every seed lags the truth, so the latest-looking one is the closest.
      if (seededOffset !== null && offset <= seededOffset) return;
      seededOffset = offset;
      if (!best) notify();
    },
    sync() {
      running ??= runSync().finally(() => {
        running = null;
      });
      return running;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
