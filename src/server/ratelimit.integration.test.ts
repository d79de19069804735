import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisClient } from "~/server/redis";
import { createHarness, type Harness } from "~/testing/harness";
import { uniqueId } from "~/testing/fixtures";
import { checkRateLimit, rateLimitPolicies } from "./ratelimit";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

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

  it("when Redis does not answer, the reserve policy fails open and the admin policy fails closed", async () => {
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
  });
});
