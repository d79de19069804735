import { describe, expect, it } from "vitest";
import { bestSample, recentSamples, sampleFromExchange, type ClockSample } from "./clock-offset";

describe("sampleFromExchange", () => {
  it("puts the server stamp at the midpoint of the round trip", () => {
    // Local clock 10 minutes ahead of the server: the offset is −600 000 ms.
    const sample = sampleFromExchange({ sentAt: 1_600_000, serverTime: 1_000_040, receivedAt: 1_600_080 });
    expect(sample).toEqual({ offsetMs: -600_000, rttMs: 80, takenAt: 1_600_080 });
  });

  it("handles a local clock behind the server", () => {
    const sample = sampleFromExchange({ sentAt: 500, serverTime: 10_530, receivedAt: 560 });
    expect(sample?.offsetMs).toBe(10_000);
    expect(sample?.rttMs).toBe(60);
  });

  it("is exact when the legs are symmetric and within rtt/2 when they are not", () => {
    const trueOffset = 3_000;
    const sentAt = 1_000;
    // Outbound leg 90 ms, return leg 10 ms: the worst asymmetry a 100 ms round trip allows is 50 ms.
    const serverTime = sentAt + 90 + trueOffset;
    const sample = sampleFromExchange({ sentAt, serverTime, receivedAt: sentAt + 100 });
    expect(Math.abs((sample?.offsetMs ?? 0) - trueOffset)).toBeLessThanOrEqual((sample?.rttMs ?? 0) / 2);
    expect(sample?.offsetMs).toBe(3_040);
  });

  it("drops an exchange whose local clock ran backwards or whose server time is not a number", () => {
    expect(sampleFromExchange({ sentAt: 1_000, serverTime: 5_000, receivedAt: 999 })).toBeNull();
    expect(sampleFromExchange({ sentAt: 1_000, serverTime: Number.NaN, receivedAt: 1_010 })).toBeNull();
  });

  it("accepts a zero round trip", () => {
    expect(sampleFromExchange({ sentAt: 7, serverTime: 17, receivedAt: 7 })).toEqual({
      offsetMs: 10,
      rttMs: 0,
      takenAt: 7,
    });
  });
});

const sample = (offsetMs: number, rttMs: number, takenAt: number): ClockSample => ({ offsetMs, rttMs, takenAt });

describe("bestSample", () => {
  it("picks the shortest round trip", () => {
    expect(bestSample([sample(10, 300, 1), sample(20, 40, 2), sample(30, 120, 3)])).toEqual(sample(20, 40, 2));
  });

  it("prefers the newer of two equally quick samples", () => {
    expect(bestSample([sample(10, 40, 1), sample(20, 40, 5), sample(30, 40, 3)])).toEqual(sample(20, 40, 5));
  });

  it("is null without samples", () => {
    expect(bestSample([])).toBeNull();
  });
});

describe("recentSamples", () => {
  it("drops samples older than the age limit and keeps the newest ones up to the count", () => {
    const kept = recentSamples([sample(1, 5, 100), sample(2, 5, 900), sample(3, 5, 950), sample(4, 5, 1_000)], 1_000, {
      maxAgeMs: 500,
      max: 2,
    });
    expect(kept.map((s) => s.offsetMs)).toEqual([4, 3]);
  });

  it("drops samples from the future (a clock that moved backwards)", () => {
    expect(recentSamples([sample(1, 5, 2_000), sample(2, 5, 900)], 1_000, { maxAgeMs: 500, max: 5 })).toEqual([
      sample(2, 5, 900),
    ]);
  });
});
