// Measures the local Upstash REST server: single GETs, one HTTP request each, from N concurrent
// workers using the official client. Starts its own redis-server and REST server.
//   npx tsx scripts/local-stack/upstash-redis-rest/bench-throughput.ts [concurrency=50] [seconds=5]
import { Redis } from "@upstash/redis";
import { startRedisServer } from "../redis-server";
import { startUpstashRedisRest } from "./server";

const concurrency = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 5);
const poolSize = process.env.POOL_SIZE ? Number(process.env.POOL_SIZE) : undefined;

const redisServer = await startRedisServer();
const rest = await startUpstashRedisRest({ redisUrl: redisServer.url, token: "bench", poolSize });
const redis = new Redis({ url: rest.url, token: "bench", enableTelemetry: false, enableAutoPipelining: false });

try {
  await redis.set("bench:key", "a value of a typical size for a stock counter or session flag");
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  const worker = async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      await redis.get("bench:key");
      latencies.push(performance.now() - started);
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(2);
  console.log(
    `GET x${latencies.length} with ${concurrency}-way concurrency in ${elapsedSeconds.toFixed(1)}s: ` +
      `${Math.round(latencies.length / elapsedSeconds)} req/s, p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms`,
  );
} finally {
  await rest.close();
  await redisServer.stop();
}
