import { describe, expect, it } from "vitest";
import { csvCell, csvRow, isoToTheSecond } from "./csv";

describe("csvCell", () => {
  it.each([
    ["plain@example.com", "plain@example.com"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["+44 20", "'+44 20"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTAB", "'\tTAB"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ["", ""],
  ])("%j → %j", (value, cell) => expect(csvCell(value)).toBe(cell));

  it("writes numbers, dates and nulls plainly", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(new Date("2030-01-01T00:00:00Z"))).toBe("2030-01-01T00:00:00.000Z");
    expect(csvCell(null)).toBe("");
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
  });
});

describe("isoToTheSecond", () => {
  it("writes UTC ISO 8601 without the milliseconds (never rounding up into the next second)", () => {
    expect(isoToTheSecond(new Date("2030-01-01T12:00:05.999Z"))).toBe("2030-01-01T12:00:05Z");
    expect(isoToTheSecond(new Date("2030-06-30T23:59:59.000+02:00"))).toBe("2030-06-30T21:59:59Z");
  });

  it("leaves an absent time empty", () => {
    expect(isoToTheSecond(null)).toBeNull();
    expect(csvCell(isoToTheSecond(undefined))).toBe("");
  });
});
