// Writes an instance's buffered app-side metric events (publishes, deliveries, persist lag, rate
// limits…) into a sale's metrics in one EVALSHA (see record-metrics.lua). The Lua scripts count
// their own events in their own step; this is how the app's reach the same hashes.
import type { Redis } from "@upstash/redis";
import { metricsBucketKey, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export interface MetricCount {
  /** Epoch second the events happened in (this instance's clock). */
  second: number;
  event: string;
  n: number;
}

export async function recordMetrics(
  redis: Redis,
  namespace: string,
  saleId: string,
  counts: readonly MetricCount[],
): Promise<void> {
  if (counts.length === 0) return;
  const keys = saleKeys(namespace, saleId);
  const bucketKeys: string[] = [keys.metrics];
  const bucketIndex = new Map<string, number>();
  const args: Array<string | number> = [];
  for (const { second, event, n } of counts) {
    const bucket = metricsBucketKey(keys, second * 1000);
    let index = bucketIndex.get(bucket);
    if (index === undefined) {
      bucketKeys.push(bucket);
      index = bucketKeys.length;
      bucketIndex.set(bucket, index);
    }
    args.push(index, `${second}:${event}`, n);
  }
  await scriptFor(redis, "record-metrics").exec(bucketKeys, args);
}
