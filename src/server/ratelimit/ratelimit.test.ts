import { describe, expect, it } from "vitest";
import { MemoryWindow, REDIS_RETRY_AFTER_FAILURE_MS, RedisBreaker, rateLimitPolicies } from ".";

function clock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("MemoryWindow", () => {
  it("allows the policy's count, then refuses with the wait until a slot frees", () => {
    const time = clock(1_000_000);
    const window = new MemoryWindow({ tokens: 5, windowMs: 10_000 }, { now: time.now });
    const answers = Array.from({ length: 7 }, () => window.take("shopper"));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
    const refused = answers.at(-1)!;
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(10_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(11_000);
      time.advance(refused.retryAfterMs);
    }
    expect(window.take("shopper").allowed).toBe(true);
    expect(window.take("someone else").allowed).toBe(true);
  });

  it("never allows more than the count in any window, whatever the timing", () => {
    const time = clock(1_234_567);
    const window = new MemoryWindow({ tokens: 5, windowMs: 10_000 }, { now: time.now });
    const allowedAt: number[] = [];
    // A request every 97 ms for a minute, crossing many window and bucket boundaries.
    for (let step = 0; step < 620; step++) {
      if (window.take("shopper").allowed) allowedAt.push(time.now());
      time.advance(97);
    }
    for (const start of allowedAt) {
      expect(allowedAt.filter((at) => at >= start && at < start + 10_000).length).toBeLessThanOrEqual(5);
    }
    // Still useful: roughly the count per window over the minute, not a lock-out.
    expect(allowedAt.length).toBeGreaterThanOrEqual(25);
  });

  it("stays within its capacity, forgetting the least recently seen identifier", () => {
    const time = clock(0);
    const window = new MemoryWindow({ tokens: 1, windowMs: 10_000 }, { capacity: 3, now: time.now });
    for (const key of ["a", "b", "c"]) window.take(key);
    expect(window.take("a").allowed).toBe(false); // "a" is now the most recent
    window.take("d"); // evicts "b"
    expect(window.size).toBe(3);
    expect(window.take("a").allowed).toBe(false);
    expect(window.take("b").allowed).toBe(true);
  });
});

describe("RedisBreaker", () => {
  it("after a failure skips Redis for a moment, then lets one probe through at a time", () => {
    const time = clock(0);
    const breaker = new RedisBreaker(time.now);
    expect([breaker.shouldAsk(), breaker.shouldAsk()]).toEqual([true, true]);
    breaker.failed();
    expect(breaker.shouldAsk()).toBe(false);
    time.advance(REDIS_RETRY_AFTER_FAILURE_MS);
    expect([breaker.shouldAsk(), breaker.shouldAsk()]).toEqual([true, false]);
    breaker.failed();
    expect(breaker.shouldAsk()).toBe(false);
    time.advance(REDIS_RETRY_AFTER_FAILURE_MS);
    expect(breaker.shouldAsk()).toBe(true);
    breaker.succeeded();
    expect([breaker.shouldAsk(), breaker.shouldAsk()]).toEqual([true, true]);
  });
});

describe("rateLimitPolicies", () => {
  it("no policy lets everything through when Redis is away", () => {
    for (const policy of Object.values(rateLimitPolicies)) {
      expect(["memory", "closed"]).toContain(policy.onLimiterFailure);
    }
    expect(rateLimitPolicies.reserve.onLimiterFailure).toBe("memory");
    expect(rateLimitPolicies.adminWrite.onLimiterFailure).toBe("closed");
  });
});
