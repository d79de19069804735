import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron, type CronSpec } from "./cron";

const at = (iso: string) => Date.parse(iso);
const spec = (expression: string) => {
  const parsed = parseCron(expression);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
};
const next = (expression: string, after: string) => new Date(nextCronTime(spec(expression), at(after))!).toISOString();

describe("cron", () => {
  it("steps minutes with */N and always moves strictly forward", () => {
    expect(next("*/5 * * * *", "2026-03-01T10:02:30Z")).toBe("2026-03-01T10:05:00.000Z");
    expect(next("*/5 * * * *", "2026-03-01T10:05:00Z")).toBe("2026-03-01T10:10:00.000Z");
    expect(next("* * * * *", "2026-03-01T10:05:59.999Z")).toBe("2026-03-01T10:06:00.000Z");
  });

  it("fires every minute for each way of writing it, rolling over hours, days and years", () => {
    for (const everyMinute of ["* * * * *", "*/1 * * * *", "0-59 * * * *", "0-59/1 * * * *", "CRON_TZ=UTC * * * * *"]) {
      expect(next(everyMinute, "2026-03-01T10:05:00Z"), everyMinute).toBe("2026-03-01T10:06:00.000Z");
      expect(next(everyMinute, "2026-03-01T10:05:00.001Z"), everyMinute).toBe("2026-03-01T10:06:00.000Z");
    }
    expect(next("* * * * *", "2026-03-01T10:59:30Z")).toBe("2026-03-01T11:00:00.000Z");
    expect(next("* * * * *", "2026-12-31T23:59:00Z")).toBe("2027-01-01T00:00:00.000Z");
  });

  it("handles ranges, lists, names and rolls over days, months and years", () => {
    expect(next("30 2 * * *", "2026-03-01T03:00:00Z")).toBe("2026-03-02T02:30:00.000Z");
    expect(next("0 9-17/4 * * MON-FRI", "2026-03-06T18:00:00Z")).toBe("2026-03-09T09:00:00.000Z"); // Fri evening → Mon
    expect(next("0 0 1 JAN *", "2026-06-15T00:00:00Z")).toBe("2027-01-01T00:00:00.000Z");
    expect(next("15,45 * * * *", "2026-03-01T10:20:00Z")).toBe("2026-03-01T10:45:00.000Z");
    expect(next("0 0 * * 7", "2026-03-02T00:00:00Z")).toBe("2026-03-08T00:00:00.000Z"); // 7 is Sunday
  });

  it("matches either day field when both are restricted, as classic cron does", () => {
    // 13th of the month OR a Friday: from Sun 2026-03-01 the first Friday (6th) comes before the 13th.
    expect(next("0 0 13 * 5", "2026-03-01T00:00:00Z")).toBe("2026-03-06T00:00:00.000Z");
  });

  it("accepts macros and UTC time zones, rejects malformed expressions and other zones", () => {
    expect(next("@hourly", "2026-03-01T10:20:00Z")).toBe("2026-03-01T11:00:00.000Z");
    expect(next("CRON_TZ=UTC 0 12 * * *", "2026-03-01T10:20:00Z")).toBe("2026-03-01T12:00:00.000Z");
    for (const bad of ["* * * *", "61 * * * *", "*/0 * * * *", "5-1 * * * *", "CRON_TZ=Europe/Berlin * * * * *"]) {
      expect(typeof parseCron(bad), bad).toBe("string");
    }
  });

  it("returns undefined for a date that never comes", () => {
    expect(nextCronTime(spec("0 0 31 2 *") as CronSpec, at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });
});
