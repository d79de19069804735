// Helpers for tests of a fair draw on the real stack: moving a sale's start to now in both stores
// (as an admin's edit would), and running many shoppers' requests with bounded concurrency.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { adjustHotState } from "~/server/inventory/hot-state";

/** Moves a sale's start (and with it the lobby's end) to `at`, in Postgres and Redis. */
export async function moveStart(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
  at: Date,
): Promise<void> {
  await deps.db.sale.update({ where: { id: saleId }, data: { startsAt: at } });
  const moved = await adjustHotState(deps.redis, deps.namespace, saleId, { startsAt: at });
  if (!moved.ok) throw new Error(`could not move the start of ${saleId}: ${moved.reason}`);
}

/** Runs `task` for every item, at most `limit` at once; answers the results in the items' order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A distinct IPv4 /24 per index (10.x.y.0/24), as the address-block allowance counts them. */
export function distinctBlock(index: number): string {
  return `10.${Math.floor(index / 256) % 256}.${index % 256}.0/24`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
