// Shared by the integration tests: a throwaway redis-server with the REST server in front of it,
// and official @upstash/redis clients pointed at it.
import { randomUUID } from "node:crypto";
import { Redis, type RedisConfigNodejs } from "@upstash/redis";
import { startRedisServer, type RunningRedis } from "../redis-server";
import { startUpstashRedisRest, type RunningUpstashRedisRest } from "./server";

export interface RestTestStack {
  rest: RunningUpstashRedisRest;
  redisServer: RunningRedis;
  token: string;
  /** A client configured like the app's: base64 responses, auto-pipelining, read-your-writes. */
  client(overrides?: Partial<RedisConfigNodejs>): Redis;
  stop(): Promise<void>;
}

export async function startRestTestStack(): Promise<RestTestStack> {
  const redisServer = await startRedisServer();
  const token = `test-token-${randomUUID()}`;
  const rest = await startUpstashRedisRest({ redisUrl: redisServer.url, token }).catch(async (error: unknown) => {
    await redisServer.stop();
    throw error;
  });
  return {
    rest,
    redisServer,
    token,
    client: (overrides = {}) => new Redis({ url: rest.url, token, enableTelemetry: false, ...overrides }),
    stop: async () => {
      await rest.close();
      await redisServer.stop();
    },
  };
}

/** A key no other test uses. */
export function uniqueKey(label: string): string {
  return `test:${label}:${randomUUID()}`;
}

/** Reads one counter from INFO commandstats, e.g. `calls` of `evalsha`. */
export async function commandCalls(redis: Redis, command: string): Promise<number> {
  const info = await redis.exec<string>(["INFO", "commandstats"]);
  const match = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, "m").exec(info);
  return match ? Number(match[1]) : 0;
}
