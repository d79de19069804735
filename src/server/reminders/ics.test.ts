import { describe, expect, it } from "vitest";
import { escapeIcsText, foldIcsLine, icsDateTime, saleCalendar } from "./ics";

const sale = {
  id: "sale_123",
  title: "Sneaker; limited, \\ numbered",
  startsAt: new Date("2026-12-02T17:45:00.000Z"),
  endsAt: new Date("2026-12-02T19:00:30.000Z"),
  url: "https://shop.example/sales/sneaker-drop",
  host: "shop.example",
  fairDraw: false,
};

/** The unfolded content lines of a calendar. */
const linesOf = (text: string) => text.replace(/\r\n /g, "").split("\r\n");

describe("saleCalendar", () => {
  it("is one VEVENT with a stable UID, UTC times, the sale's link and CRLF line ends", () => {
    const text = saleCalendar(sale, new Date("2026-11-30T08:00:00.000Z"));
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    const lines = linesOf(text);
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(lines).toContain("UID:sale-sale_123@shop.example");
    expect(lines).toContain("DTSTAMP:20261130T080000Z");
    expect(lines).toContain("DTSTART:20261202T174500Z");
    expect(lines).toContain("DTEND:20261202T190030Z");
    expect(lines).toContain("URL:https://shop.example/sales/sneaker-drop");
    expect(lines).toContain("SUMMARY:Sneaker\\; limited\\, \\\\ numbered: sale opens");
    expect(lines.filter((line) => line === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines.at(-2)).toBe("END:VCALENDAR");
  });

  it("says the lobby opens for a fair draw", () => {
    const lines = linesOf(saleCalendar({ ...sale, title: "Drop", fairDraw: true }));
    expect(lines).toContain("SUMMARY:Drop: fair-draw lobby opens");
  });

  it("keeps every physical line within 75 octets", () => {
    const text = saleCalendar({ ...sale, title: "Très long titre — ".repeat(12) });
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});

describe("the pieces", () => {
  it("writes UTC date-times without separators", () => {
    expect(icsDateTime(new Date("2027-01-05T03:04:05.678Z"))).toBe("20270105T030405Z");
  });

  it("escapes backslashes, semicolons, commas and line breaks", () => {
    expect(escapeIcsText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds long lines without splitting a character, and unfolds to the same text", () => {
    const line = `DESCRIPTION:${"é".repeat(80)}`;
    const folded = foldIcsLine(line);
    expect(folded.split("\r\n ").join("")).toBe(line);
    for (const part of folded.split("\r\n")) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
  });
});
