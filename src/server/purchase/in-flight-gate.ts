// Bounds the buy attempts one instance works on at once. Past the bound a shopper is told at once
// to try again in a moment (503 + Retry-After) instead of queueing behind the storm: a request that
// would wait seconds for its turn is worth less than an honest answer now, and the work already in
// flight — the winners among it — finishes at the speed of Redis.
export const DEFAULT_MAX_IN_FLIGHT = 256;

export class InFlightGate {
  private inFlight = 0;

  constructor(readonly max = DEFAULT_MAX_IN_FLIGHT) {}

  /** Runs `work` if there is room, else answers `full()` without running it. */
  async run<T>(work: () => Promise<T>, full: () => T): Promise<T> {
    if (this.inFlight >= this.max) return full();
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
    }
  }

  get current(): number {
    return this.inFlight;
  }
}
