// The in-memory limit a policy degrades to when Redis cannot answer: the same counts, kept by this
// instance alone (a weaker limit across instances, never "no limit").
/** Distinct identifiers one MemoryWindow remembers; the least recently seen are forgotten first. */
const MEMORY_CAPACITY = 20_000;

/** Sub-buckets per window in MemoryWindow: the finer, the sooner a full window frees up. */
const SUBDIVISIONS = 10;

/**
 * A per-instance sliding window with bounded memory. Each identifier keeps at most
 * SUBDIVISIONS + 1 counters; the oldest, partly expired bucket still counts in full, so it never
 * allows more than `tokens` in any window (it may refuse up to a bucket longer than Redis would).
 */
export class MemoryWindow {
  private readonly bucketMs: number;
  private readonly entries = new Map<string, Array<{ bucket: number; count: number }>>();

  constructor(
    private readonly rule: { tokens: number; windowMs: number },
    private readonly options: { capacity?: number; now?: () => number } = {},
  ) {
    this.bucketMs = Math.max(1, Math.ceil(rule.windowMs / SUBDIVISIONS));
  }

  /** Counts one request for `key` if the window has room; otherwise says how long until it does. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = (this.options.now ?? Date.now)();
    const current = Math.floor(now / this.bucketMs);
    const live = (this.entries.get(key) ?? []).filter((entry) => entry.bucket >= current - SUBDIVISIONS);
    const used = live.reduce((sum, entry) => sum + entry.count, 0);
    if (used >= this.rule.tokens) {
      this.remember(key, live);
      return { allowed: false, retryAfterMs: this.freedAt(live, used) - now };
    }
    const last = live.at(-1);
    if (last?.bucket === current) last.count += 1;
    else live.push({ bucket: current, count: 1 });
    this.remember(key, live);
    return { allowed: true };
  }

  get size(): number {
    return this.entries.size;
  }

  /** When enough of the oldest buckets have left the window for one more request to fit. */
  private freedAt(live: Array<{ bucket: number; count: number }>, used: number): number {
    let remaining = used;
    for (const entry of live) {
      remaining -= entry.count;
      if (remaining < this.rule.tokens) return (entry.bucket + SUBDIVISIONS + 1) * this.bucketMs;
    }
    return 0;
  }

  private remember(key: string, live: Array<{ bucket: number; count: number }>): void {
    // Re-inserting moves the key to the end, so the Map's first key is the least recently seen.
    this.entries.delete(key);
    this.entries.set(key, live);
    if (this.entries.size > (this.options.capacity ?? MEMORY_CAPACITY)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
