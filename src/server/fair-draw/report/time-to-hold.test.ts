import { describe, expect, it } from "vitest";
import { percentile, timeToHoldHistogram } from "./time-to-hold";

describe("timeToHoldHistogram", () => {
  it("bins durations on the log scale, bin edges going to the upper bin; early holds in the first", () => {
    const bins = timeToHoldHistogram([-5, 0, 99, 100, 999, 1_000, 59_999, 60_000, 600_000, 3_600_000]);
    expect(bins.map((bin) => [bin.label, bin.count])).toEqual([
      ["under 0.1 s", 3],
      ["0.1–1 s", 2],
      ["1–10 s", 1],
      ["10–60 s", 1],
      ["1–10 min", 1],
      ["10 min or more", 2],
    ]);
  });
});

describe("percentile", () => {
  it("answers the nearest rank, and null for nothing", () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
