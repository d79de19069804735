// @upstash/ratelimit through the local REST server: its Lua scripts carry an Upstash-only shebang
// flag and rely on EVALSHA → NOSCRIPT → EVAL, so this is the end-to-end check of both.
import { Ratelimit } from "@upstash/ratelimit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandCalls, startRestTestStack, uniqueKey, type RestTestStack } from "./test-support";

let stack: RestTestStack;

beforeAll(async () => {
  stack = await startRestTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

function slidingWindowLimiter(limit: number, window: "10 s" | "1 m") {
  return new Ratelimit({
    redis: stack.client(),
    limiter: Ratelimit.slidingWindow(limit, window),
    prefix: uniqueKey("ratelimit"),
    analytics: false,
    // Without the in-memory block cache every answer below comes from Redis.
    ephemeralCache: false,
  });
}

/**
 * A sliding window weighs the previous fixed window (floor(now / size)) into the count, so five
 * calls that straddle a boundary report a different `remaining`. Start well inside a window.
 */
async function awayFromWindowBoundary(windowMs: number, neededMs: number) {
  const intoWindow = Date.now() % windowMs;
  if (intoWindow + neededMs < windowMs) return;
  await new Promise((resolve) => setTimeout(resolve, windowMs - intoWindow + 50));
}

describe("@upstash/ratelimit slidingWindow", () => {
  it("allows N requests, then blocks, reporting remaining and reset", async () => {
    await awayFromWindowBoundary(60_000, 10_000);
    const limiter = slidingWindowLimiter(5, "1 m");
    const identifier = uniqueKey("shopper");
    const startedAt = Date.now();

    const allowed = [];
    for (let i = 0; i < 5; i++) allowed.push(await limiter.limit(identifier));
    expect(allowed.map((answer) => answer.success)).toEqual([true, true, true, true, true]);
    expect(allowed.map((answer) => answer.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(allowed.every((answer) => answer.limit === 5)).toBe(true);

    const blocked = await limiter.limit(identifier);
    expect(blocked.success).toBe(false);
    expect(blocked.remaining).toBe(0);
    expect(blocked.reset).toBeGreaterThan(startedAt);
    expect(blocked.reset).toBeLessThanOrEqual(startedAt + 60_000 + 1_000);

    const remaining = await limiter.getRemaining(identifier);
    expect(remaining.remaining).toBe(0);
    await Promise.all([...allowed, blocked].map((answer) => answer.pending));
  });

  it("keeps identifiers apart", async () => {
    await awayFromWindowBoundary(10_000, 3_000);
    const limiter = slidingWindowLimiter(1, "10 s");
    const [first, second] = [uniqueKey("a"), uniqueKey("b")];
    expect((await limiter.limit(first)).success).toBe(true);
    expect((await limiter.limit(first)).success).toBe(false);
    expect((await limiter.limit(second)).success).toBe(true);
  });

  it("loads its script with EVAL once and then runs it by SHA1", async () => {
    const limiter = slidingWindowLimiter(100, "10 s");
    const identifier = uniqueKey("cached");
    await limiter.limit(identifier);
    const evalsBefore = await commandCalls(stack.client(), "eval");
    const evalshasBefore = await commandCalls(stack.client(), "evalsha");
    for (let i = 0; i < 10; i++) expect((await limiter.limit(identifier)).success).toBe(true);
    expect(await commandCalls(stack.client(), "eval")).toBe(evalsBefore);
    expect(await commandCalls(stack.client(), "evalsha")).toBeGreaterThanOrEqual(evalshasBefore + 10);
  });
});
