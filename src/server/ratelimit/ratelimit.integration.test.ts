import { describe, expect, it } from "vitest";
import { createRedisClient } from "~/server/redis";
import { harnessForFile } from "~/testing/harness";
import { uniqueId, waitForRoomInWindow } from "~/testing/fixtures";
import { redisProxy } from "~/testing/redis-proxy";
import { checkRateLimit, rateLimitPolicies } from ".";

const h = harnessForFile();

describe("rate-limit policies", () => {
  it("counts per user and answers the wait in whole seconds", async () => {
    const userId = uniqueId("user");
    const verdicts = [];
    for (let i = 0; i < rateLimitPolicies.reserve.perUser.tokens + 1; i++) {
      verdicts.push(await checkRateLimit(h.redis, { namespace: h.namespace, policy: "reserve", userId, ip: null }));
    }
    expect(verdicts.slice(0, -1).every((verdict) => verdict.allowed)).toBe(true);
    const last = verdicts.at(-1)!;
    expect(last).toMatchObject({ allowed: false, scope: "user" });
    if (!last.allowed && "retryAfterSeconds" in last) {
      expect(last.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(last.retryAfterSeconds).toBeLessThanOrEqual(10);
    }
  });

  it("when Redis does not answer, the reserve policy degrades to memory and the admin policy fails closed", async () => {
    const unreachable = createRedisClient("http://127.0.0.1:1", "token");
    const input = { namespace: h.namespace, userId: uniqueId("user"), ip: "192.0.2.1" };
    await expect(checkRateLimit(unreachable, { ...input, policy: "reserve" })).resolves.toEqual({
      allowed: true,
      degraded: true,
    });
    await expect(checkRateLimit(unreachable, { ...input, policy: "adminWrite" })).resolves.toEqual({
      allowed: false,
      limiterUnavailable: true,
    });
    // Degraded is not "no limit": the same shopper gets the policy's count, then a wait.
    const more = await Promise.all(
      Array.from({ length: 20 }, () => checkRateLimit(unreachable, { ...input, policy: "reserve" })),
    );
    expect(more.filter((verdict) => verdict.allowed)).toHaveLength(rateLimitPolicies.reserve.perUser.tokens - 1);
    expect(more.at(-1)).toMatchObject({ allowed: false, scope: "user", degraded: true });
  });

  it("an outage does not hand out a fresh quota: memory already counted what Redis allowed", async () => {
    const proxy = await redisProxy({ url: h.stack.UPSTASH_REDIS_REST_URL, token: h.stack.UPSTASH_REDIS_REST_TOKEN });
    try {
      const input = { namespace: h.namespace, policy: "reserve" as const, userId: uniqueId("user"), ip: null };
      await waitForRoomInWindow(10_000, 5_000);
      for (let i = 0; i < 3; i++) {
        await expect(checkRateLimit(proxy.redis, input)).resolves.toEqual({ allowed: true, degraded: false });
      }
      proxy.refuseAll();
      const during = await Promise.all(Array.from({ length: 10 }, () => checkRateLimit(proxy.redis, input)));
      expect(during.filter((verdict) => verdict.allowed)).toHaveLength(2);
      expect(during.every((verdict) => "degraded" in verdict && verdict.degraded)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it("counts per address across shoppers, in Redis and in memory alike", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const shoppers = Array.from({ length: rateLimitPolicies.reserve.perIp.tokens + 20 }, () => uniqueId("user"));
    const unreachable = createRedisClient("http://127.0.0.1:1", "token");
    await waitForRoomInWindow(10_000, 6_000);
    for (const redis of [h.redis, unreachable]) {
      const verdicts = await Promise.all(
        shoppers.map((userId) => checkRateLimit(redis, { namespace: h.namespace, policy: "reserve", userId, ip })),
      );
      expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(rateLimitPolicies.reserve.perIp.tokens);
      expect(
        verdicts.filter((verdict) => !verdict.allowed && "scope" in verdict && verdict.scope === "ip"),
      ).toHaveLength(20);
    }
  });
});
