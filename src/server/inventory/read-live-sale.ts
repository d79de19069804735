// One Redis read gives everything an open sale page polls for: stock, total, state and window.
// Each process answers from a cache younger than LIVE_SALE_CACHE_MS and
// keeps at most one read per sale in flight, so a burst of polls costs one Redis command.
import type { Redis } from "@upstash/redis";
import { saleKeys } from "~/server/inventory/keys";
import { liveSaleSchema, type LiveSale } from "~/lib/buy-flow/live-sale";

export const LIVE_SALE_CACHE_MS = 500;
/** Ids arrive in URLs anyone can send: the cache forgets expired entries and never grows past this. */
const LIVE_SALE_CACHE_CAPACITY = 5_000;

const cache = new Map<string, { value: Promise<LiveSale | null>; until: number }>();

const FIELDS = ["state", "stock", "total", "startsAt", "endsAt"] as const;

async function readFromRedis(redis: Redis, namespace: string, saleId: string): Promise<LiveSale | null> {
  const fields = await redis.hmget<Record<(typeof FIELDS)[number], string | number | null>>(
    saleKeys(namespace, saleId).sale,
    ...FIELDS,
  );
  if (!fields || fields.state == null || fields.stock == null) return null;
  const parsed = liveSaleSchema.safeParse({
    saleId,
    stockLeft: Math.max(0, Number(fields.stock)),
    total: Number(fields.total),
    state: String(fields.state),
    startsAt: Number(fields.startsAt),
    endsAt: Number(fields.endsAt),
    readAt: Date.now(),
  });
  // Drafts (and anything malformed) are not the storefront's to show.
  return parsed.success ? parsed.data : null;
}

export function readLiveSale(
  redis: Redis,
  namespace: string,
  saleId: string,
  now = Date.now(),
): Promise<LiveSale | null> {
  const key = `${namespace}:${saleId}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = readFromRedis(redis, namespace, saleId);
  if (cache.size >= LIVE_SALE_CACHE_CAPACITY) {
    for (const [cached, entry] of cache) if (entry.until <= now) cache.delete(cached);
    if (cache.size >= LIVE_SALE_CACHE_CAPACITY) cache.clear();
  }
  cache.set(key, { value, until: now + LIVE_SALE_CACHE_MS });
  value.catch(() => cache.delete(key));
  return value;
}
