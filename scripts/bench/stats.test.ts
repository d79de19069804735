import { describe, expect, it } from "vitest";
import { percentile, ratio, requestsPerSecond, summarizeLatencies } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Float64Array.from({ length: 100 }, (_, index) => index + 1);

  it("returns an observed value: the smallest with at least p% at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 99.5)).toBe(100);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7, 9, 12], 50)).toBe(9);
    expect(percentile([7, 9, 12], 34)).toBe(9);
    expect(percentile([7, 9, 12], 33)).toBe(7);
  });

  it("is NaN for no values rather than a made-up zero", () => {
    expect(percentile([], 99)).toBeNaN();
  });
});

describe("summarizeLatencies", () => {
  it("sorts numerically, not as strings, and reports mean and max", () => {
    const summary = summarizeLatencies([100, 9, 20, 3, 1_000, 50, 7, 8, 2, 1]);
    expect(summary).toEqual({ count: 10, mean: 120, p50: 8, p95: 1_000, p99: 1_000, max: 1_000 });
  });

  it("p99 of a long run ignores the single worst request but not the worst 2%", () => {
    const latencies = [...Array.from({ length: 980 }, () => 10), ...Array.from({ length: 20 }, () => 500)];
    expect(summarizeLatencies(latencies).p99).toBe(500);
    const oneSlow = [...Array.from({ length: 999 }, () => 10), 5_000];
    expect(summarizeLatencies(oneSlow).p99).toBe(10);
    expect(summarizeLatencies(oneSlow).max).toBe(5_000);
  });
});

describe("rates and ratios", () => {
  it("counts requests per second of wall-clock time", () => {
    expect(requestsPerSecond(10_000, 4_000)).toBe(2_500);
    expect(requestsPerSecond(5, 0)).toBe(0);
  });

  it("refuses to divide by nothing", () => {
    expect(ratio(500, 100)).toBe(5);
    expect(ratio(500, 0)).toBeNull();
    expect(ratio(undefined, 100)).toBeNull();
    expect(ratio(500, Number.NaN)).toBeNull();
  });
});
