// The one Upstash Redis client, built from env. Every key the app writes goes through `redisKey`
// so deployments sharing one database stay apart.
import { Redis } from "@upstash/redis";
import { env } from "~/env";

export function createRedisClient(url = env.UPSTASH_REDIS_REST_URL, token = env.UPSTASH_REDIS_REST_TOKEN) {
  // Automatic deserialization stays on: typed commands (HMGET → record) depend on it. Stored values
  // are integers and ids, and readers coerce with Number()/String() where a type matters.
  return new Redis({ url, token, enableTelemetry: false });
}

const globalForRedis = globalThis as unknown as { redis?: Redis };

export const redis = globalForRedis.redis ?? createRedisClient();
if (env.NODE_ENV !== "production") globalForRedis.redis = redis;
