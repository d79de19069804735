// Live stock for the storefront. Thousands of pages poll this during a sale, so each process
// answers from a cache younger than STOCK_CACHE_MS and only one Redis read per sale is in flight.
import type { Redis } from "@upstash/redis";
import { saleKeys } from "./keys";

export interface StockView {
  stockLeft: number;
  total: number;
  readAt: Date;
}

export const STOCK_CACHE_MS = 500;

const cache = new Map<string, { value: Promise<StockView | null>; until: number }>();

export function readSaleStock(
  redis: Redis,
  namespace: string,
  saleId: string,
  now = Date.now(),
): Promise<StockView | null> {
  const key = `${namespace}:${saleId}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = redis
    .hmget<Record<string, string>>(saleKeys(namespace, saleId).sale, "stock", "total")
    .then((fields) => {
      if (!fields || fields.stock == null) return null;
      return { stockLeft: Math.max(0, Number(fields.stock)), total: Number(fields.total), readAt: new Date() };
    });
  cache.set(key, { value, until: now + STOCK_CACHE_MS });
  value.catch(() => cache.delete(key));
  return value;
}
