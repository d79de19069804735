// A redis-server restart (e.g. during `npm run dev`) must not need a REST server restart too.
import { randomUUID } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, expect, it } from "vitest";
import { startRedisServer, type RunningRedis } from "../redis-server";
import { startUpstashRedisRest, type RunningUpstashRedisRest } from "./server";
import { uniqueKey } from "./test-support";

const running: Array<RunningRedis | RunningUpstashRedisRest> = [];

afterAll(async () => {
  for (const service of running.reverse()) await ("close" in service ? service.close() : service.stop());
});

it("answers an error while redis-server is down and recovers once it is back", async () => {
  const redisServer = await startRedisServer();
  running.push(redisServer);
  const token = randomUUID();
  const rest = await startUpstashRedisRest({ redisUrl: redisServer.url, token, poolSize: 2 });
  running.push(rest);
  const redis = new Redis({ url: rest.url, token, enableTelemetry: false, enableAutoPipelining: false, retry: false });

  const key = uniqueKey("reconnect");
  expect(await redis.incr(key)).toBe(1);

  await redisServer.stop();
  await expect(redis.incr(key)).rejects.toThrow(/redis-server/);

  const restarted = await startRedisServer({ port: redisServer.port });
  running.push(restarted);
  // The restarted server is memory-only, so the counter starts again.
  expect(await redis.incr(key)).toBe(1);
  expect(await redis.incr(key)).toBe(2);
});

it("refuses to start on a port that is already taken", async () => {
  const redisServer = await startRedisServer();
  running.push(redisServer);
  const first = await startUpstashRedisRest({ redisUrl: redisServer.url, token: "t" });
  running.push(first);
  await expect(startUpstashRedisRest({ redisUrl: redisServer.url, token: "t", port: first.port })).rejects.toThrow(
    /already in use/,
  );
});
