import { describe, expect, it } from "vitest";
import { isValidTimeZone, parseLocalDateTime, utcToZonedLocalInput, zonedLocalToUtc } from "./zoned-time";

const at = (text: string, zone: string) => {
  const local = parseLocalDateTime(text);
  if (!local) throw new Error(`bad local time ${text}`);
  return zonedLocalToUtc(local, zone);
};

describe("zonedLocalToUtc", () => {
  it.each([
    ["2030-01-15T09:30", "UTC", "2030-01-15T09:30:00.000Z"],
    ["2030-01-15T09:30", "Europe/Paris", "2030-01-15T08:30:00.000Z"],
    ["2030-07-15T09:30", "Europe/Paris", "2030-07-15T07:30:00.000Z"],
    ["2030-07-15T09:30", "America/New_York", "2030-07-15T13:30:00.000Z"],
    ["2030-01-01T00:00", "Asia/Kolkata", "2029-12-31T18:30:00.000Z"],
    ["2030-03-10T12:00", "Australia/Lord_Howe", "2030-03-10T01:00:00.000Z"],
  ])("%s in %s is %s", (local, zone, utc) => {
    expect(at(local, zone)).toEqual({ ok: true, date: new Date(utc) });
  });

  it("refuses a time the clocks skip (spring forward)", () => {
    expect(at("2030-03-31T02:30", "Europe/Paris")).toEqual({ ok: false, reason: "NONEXISTENT" });
    expect(at("2030-03-10T02:15", "America/New_York")).toEqual({ ok: false, reason: "NONEXISTENT" });
  });

  it("takes the earlier of a time that happens twice (fall back)", () => {
    expect(at("2030-10-27T02:30", "Europe/Paris")).toEqual({ ok: true, date: new Date("2030-10-27T00:30:00.000Z") });
  });
});

describe("utcToZonedLocalInput", () => {
  it("round-trips with zonedLocalToUtc, dropping seconds", () => {
    const instant = new Date("2030-07-15T07:30:42.123Z");
    expect(utcToZonedLocalInput(instant, "Europe/Paris")).toBe("2030-07-15T09:30");
    expect(utcToZonedLocalInput(instant, "UTC")).toBe("2030-07-15T07:30");
  });
});

describe("parseLocalDateTime", () => {
  it.each([
    "2030-02-30T10:00",
    "2030-13-01T10:00",
    "2030-01-01T24:00",
    "2030-01-01 10:00",
    "tomorrow",
    "2030-01-01T10:00:30",
  ])("refuses %s", (text) => expect(parseLocalDateTime(text)).toBeNull());
  it("accepts what datetime-local inputs send, with or without :00 seconds", () => {
    expect(parseLocalDateTime("2030-02-28T23:59")).toEqual({ year: 2030, month: 2, day: 28, hour: 23, minute: 59 });
    expect(parseLocalDateTime("2030-02-28T23:59:00")).not.toBeNull();
  });
});

describe("isValidTimeZone", () => {
  it.each(["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5"])("accepts %s", (zone) =>
    expect(isValidTimeZone(zone)).toBe(true),
  );
  it.each(["", "Mars/Olympus_Mons", "+05:00", "Europe/Pariss", "../etc/passwd"])("refuses %s", (zone) =>
    expect(isValidTimeZone(zone)).toBe(false),
  );
});
