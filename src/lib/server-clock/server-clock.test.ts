import { describe, expect, it, vi } from "vitest";
import { createServerClock } from "./server-clock";

/** A fake network: the server's clock is `serverAhead` ms ahead of ours; each leg takes its own time. */
function fakeNetwork(serverAhead: number, legs: Array<[outbound: number, inbound: number]>) {
  let local = 1_000_000;
  const remaining = [...legs];
  return {
    localNow: () => local,
    advance: (ms: number) => {
      local += ms;
    },
    fetchServerTime: vi.fn(async () => {
      const [outbound, inbound] = remaining.shift() ?? [10, 10];
      local += outbound;
      const serverTime = local + serverAhead;
      local += inbound;
      return serverTime;
    }),
  };
}

describe("createServerClock", () => {
  it("uses the local clock until it knows better", () => {
    const net = fakeNetwork(5_000, []);
    const clock = createServerClock(net);
    expect(clock.now()).toBe(net.localNow());
    expect(clock.uncertaintyMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("keeps the quickest of several exchanges", async () => {
    // Server 10 minutes behind a fast laptop clock; the second exchange is quick and symmetric.
    const net = fakeNetwork(-600_000, [
      [400, 20],
      [5, 5],
      [30, 200],
      [50, 50],
    ]);
    const clock = createServerClock({ ...net, samplesPerSync: 4 });
    await clock.sync();
    expect(net.fetchServerTime).toHaveBeenCalledTimes(4);
    expect(clock.now() - net.localNow()).toBe(-600_000);
    expect(clock.uncertaintyMs()).toBe(5);
  });

  it("stays within rtt/2 of the truth with asymmetric legs", async () => {
    const net = fakeNetwork(42_000, [[80, 20]]);
    const clock = createServerClock({ ...net, samplesPerSync: 1 });
    await clock.sync();
    const error = clock.now() - (net.localNow() + 42_000);
    expect(Math.abs(error)).toBeLessThanOrEqual(clock.uncertaintyMs());
    expect(error).toBe(30);
  });

  it("shares one run between concurrent syncs", async () => {
    const net = fakeNetwork(0, []);
    const clock = createServerClock({ ...net, samplesPerSync: 2 });
    await Promise.all([clock.sync(), clock.sync(), clock.sync()]);
    expect(net.fetchServerTime).toHaveBeenCalledTimes(2);
    await clock.sync();
    expect(net.fetchServerTime).toHaveBeenCalledTimes(4);
  });

  it("survives failed exchanges and keeps the previous estimate", async () => {
    const net = fakeNetwork(1_000, [[5, 5]]);
    const clock = createServerClock({ ...net, samplesPerSync: 1 });
    await clock.sync();
    net.fetchServerTime.mockRejectedValue(new Error("offline"));
    await expect(clock.sync()).resolves.toBeUndefined();
    expect(clock.now() - net.localNow()).toBe(1_000);
  });

  it("lets a seed from the page stand in until a round trip is measured, and keeps the latest-looking seed", async () => {
    const net = fakeNetwork(9_000, [[5, 5]]);
    const clock = createServerClock({ ...net, samplesPerSync: 1 });
    clock.seed(net.localNow() + 8_000);
    expect(clock.now() - net.localNow()).toBe(8_000);
    clock.seed(net.localNow() + 7_000);
    expect(clock.now() - net.localNow()).toBe(8_000);
    await clock.sync();
    expect(clock.now() - net.localNow()).toBe(9_000);
    clock.seed(net.localNow() + 60_000);
    expect(clock.now() - net.localNow()).toBe(9_000);
  });

  it("tells subscribers when the estimate changes, and not otherwise", async () => {
    const net = fakeNetwork(2_000, [
      [5, 5],
      [5, 5],
    ]);
    const clock = createServerClock({ ...net, samplesPerSync: 1 });
    const listener = vi.fn();
    const unsubscribe = clock.subscribe(listener);
    await clock.sync();
    expect(listener).toHaveBeenCalledTimes(1);
    await clock.sync();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    clock.seed(0);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("ages out old samples so a clock that changed is measured again", async () => {
    const net = fakeNetwork(1_000, [[1, 1]]);
    const clock = createServerClock({ ...net, samplesPerSync: 1, maxSampleAgeMs: 60_000 });
    await clock.sync();
    net.advance(120_000);
    // The server's clock was stepped by 500 ms; the new, slower sample must replace the stale quick one.
    net.fetchServerTime.mockImplementationOnce(async () => {
      net.advance(20);
      const serverTime = net.localNow() + 1_500;
      net.advance(20);
      return serverTime;
    });
    await clock.sync();
    expect(clock.now() - net.localNow()).toBe(1_500);
  });
});
