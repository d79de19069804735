// Remembers, per process and for under a second, that a sale is sold out, so the storm of
// requests after sell-out is answered without a Redis round trip. The TTL is short because a
// restock (an admin raising stock) must become visible almost at once.
export const SOLD_OUT_TTL_MS = 750;

export class SoldOutCache {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs = SOLD_OUT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  isSoldOut(saleKey: string): boolean {
    const expiry = this.until.get(saleKey);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.until.delete(saleKey);
    return false;
  }

  markSoldOut(saleKey: string): void {
    this.until.set(saleKey, this.now() + this.ttlMs);
  }

  forget(saleKey: string): void {
    this.until.delete(saleKey);
  }
}

export const soldOutCache = new SoldOutCache();

/** Sales are remembered per deployment namespace: previews sharing a process never mix. */
export function soldOutKey(namespace: string, saleId: string): string {
  return `${namespace}:${saleId}`;
}
