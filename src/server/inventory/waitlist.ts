// The waitlist as readers see it; joining and leaving it happen inside the hold scripts.
import type { Redis } from "@upstash/redis";
import { saleKeys } from "./keys";

/** How many shoppers queue for a sale's released units. */
export async function waitlistLength(redis: Redis, namespace: string, saleId: string): Promise<number> {
  return redis.zcard(saleKeys(namespace, saleId).waitlist);
}
