import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

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
