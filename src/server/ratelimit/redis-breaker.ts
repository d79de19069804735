// Keeps a Redis outage from costing every request the limiter's full timeout.
/** After Redis fails to answer, requests skip it for this long instead of each waiting out the timeout. */
export const REDIS_RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * Whether to ask Redis. After a failure (a timeout or an error) requests go straight to the
 * fallback for REDIS_RETRY_AFTER_FAILURE_MS; then one request at a time probes Redis until one
 * succeeds. Without it, during an outage every request would wait the full timeout.
 */
export class RedisBreaker {
  private skipUntil = 0;
  private probing = false;

  constructor(private readonly now: () => number = Date.now) {}

  shouldAsk(): boolean {
    if (this.skipUntil === 0) return true;
    if (this.probing || this.now() < this.skipUntil) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.skipUntil = 0;
    this.probing = false;
  }

  failed(): void {
    this.skipUntil = this.now() + REDIS_RETRY_AFTER_FAILURE_MS;
    this.probing = false;
  }
}
