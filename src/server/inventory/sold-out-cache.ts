// Remembers, per process and for under a second, that a sale is sold out, so the storm of
// requests after sell-out is answered without a Redis round trip. Keys are sale ids: each set of
// services (one per deployment namespace) owns its cache. The TTL is short because a
// restock (an admin raising stock) must become visible almost at once.
export const SOLD_OUT_TTL_MS = 750;
/** How long the one caller sent to re-ask Redis after the TTL may take before another is sent. */
export const REVALIDATE_MS = 1_000;

interface Entry {
  /** Sold out for certain until then. */
  until: number;
  /** After `until`: a caller is re-asking Redis; the others keep the sold-out answer until then. */
  revalidatingUntil: number;
}

export class SoldOutCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = SOLD_OUT_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly revalidateMs = REVALIDATE_MS,
  ) {}

  /** Sold out as of less than a TTL ago. */
  isSoldOut(saleKey: string): boolean {
    const entry = this.entries.get(saleKey);
    return entry !== undefined && entry.until > this.now();
  }

  /**
   * The storm's front door: true answers "sold out" from memory. Once the TTL has run out, the
   * first caller gets false and goes to Redis to find out; everyone else keeps getting true until
   * that caller reports back (markSoldOut or markAvailable) — one request re-asks Redis, not every request
   * in flight at the moment of expiry. A caller that never reports back (refused by the rate
   * limiter, failed) stops counting after `revalidateMs`, and the next caller goes.
   */
  answerFromMemory(saleKey: string): boolean {
    const entry = this.entries.get(saleKey);
    if (!entry) return false;
    const now = this.now();
    if (entry.until > now || entry.revalidatingUntil > now) return true;
    entry.revalidatingUntil = now + this.revalidateMs;
    return false;
  }

  markSoldOut(saleKey: string): void {
    this.entries.set(saleKey, { until: this.now() + this.ttlMs, revalidatingUntil: 0 });
  }

  /** Redis answered anything but sold out: a revalidation ends and everyone may ask again. A fresh
   *  sold-out mark stays — it came from an answer newer than this one. */
  markAvailable(saleKey: string): void {
    if (!this.isSoldOut(saleKey)) this.entries.delete(saleKey);
  }

  forget(saleKey: string): void {
    this.entries.delete(saleKey);
  }
}
