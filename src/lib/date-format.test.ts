import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime } from "./date-format";

const moment = Date.UTC(2026, 11, 2, 17, 45, 3);

describe("the one date format", () => {
  it("writes day month year and a 24-hour time with the zone named", () => {
    expect(formatDateTime(moment)).toBe("2 Dec 2026, 17:45 UTC");
    expect(formatDateTime(moment, { seconds: true })).toBe("2 Dec 2026, 17:45:03 UTC");
    expect(formatDate(moment)).toBe("2 Dec 2026");
    expect(formatTime(moment, { seconds: true })).toBe("17:45:03 UTC");
  });

  it("shows the moment in the zone asked for", () => {
    expect(formatDateTime(moment, { timeZone: "Europe/Paris" })).toBe("2 Dec 2026, 18:45 CET");
    expect(formatDateTime(new Date(moment).toISOString(), { timeZone: "Asia/Tokyo" })).toBe("3 Dec 2026, 02:45 GMT+9");
  });
});
