import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it.each([
    [0, "00:00", "0 seconds"],
    [-5_000, "00:00", "0 seconds"],
    [1, "00:01", "1 second"],
    [999, "00:01", "1 second"],
    [1_000, "00:01", "1 second"],
    [1_001, "00:02", "2 seconds"],
    [65_000, "01:05", "1 minute 5 seconds"],
    [3_600_000, "01:00:00", "1 hour"],
    [3_723_000, "01:02:03", "1 hour 2 minutes 3 seconds"],
    [93_784_000, "1d 02:03:04", "1 day 2 hours 3 minutes 4 seconds"],
    [2 * 86_400_000, "2d 00:00:00", "2 days"],
  ])("%i ms → %s / %s", (ms, clock, spoken) => {
    expect(formatDuration(ms)).toEqual({ clock, spoken });
  });
});
