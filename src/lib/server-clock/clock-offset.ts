// NTP-style estimate of how far the server's clock is from ours. One exchange: we note our clock
// before sending (sentAt) and after the answer arrives (receivedAt); the server stamps its own
// time in between. Assuming the two network legs take equally long, the server stamped at the
// midpoint, so offset = serverTime − (sentAt + receivedAt) / 2, wrong by at most rtt / 2.
// The exchange with the shortest round trip therefore gives the tightest estimate.

export interface ClockExchange {
  /** Local clock just before the request left. */
  sentAt: number;
  /** The server's epoch milliseconds, stamped while handling the request. */
  serverTime: number;
  /** Local clock just after the answer arrived. */
  receivedAt: number;
}

export interface ClockSample {
  /** Add to the local clock to get the server's time. */
  offsetMs: number;
  /** Round trip; the offset is exact to within ± rttMs / 2. */
  rttMs: number;
  /** Local clock when the sample was taken, to age samples out. */
  takenAt: number;
}

export function sampleFromExchange({ sentAt, serverTime, receivedAt }: ClockExchange): ClockSample | null {
  const rttMs = receivedAt - sentAt;
  // A negative round trip means the local clock went backwards mid-exchange: the sample is noise.
  if (!Number.isFinite(rttMs) || rttMs < 0 || !Number.isFinite(serverTime)) return null;
  return { offsetMs: serverTime - (sentAt + receivedAt) / 2, rttMs, takenAt: receivedAt };
}

/** The sample with the shortest round trip (the most precise); the newest wins a tie. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    if (!best || sample.rttMs < best.rttMs || (sample.rttMs === best.rttMs && sample.takenAt > best.takenAt)) {
      best = sample;
    }
  }
  return best;
}

/**
 * Keeps the newest `max` samples younger than `maxAgeMs`. Old samples go because clocks drift
 * and because a computer that slept may have a different offset than before.
 */
export function recentSamples(
  samples: readonly ClockSample[],
  now: number,
  { maxAgeMs, max }: { maxAgeMs: number; max: number },
): ClockSample[] {
  return samples
    .filter((sample) => now - sample.takenAt <= maxAgeMs && sample.takenAt <= now)
    .sort((a, b) => b.takenAt - a.takenAt)
    .slice(0, max);
}
