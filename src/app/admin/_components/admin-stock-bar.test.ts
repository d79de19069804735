import { describe, expect, it } from "vitest";
import { stockCaption, stockShare } from "~/lib/sale";
import { stockMeasureOf } from "./admin-stock-bar";

describe("the admin stock bar counts what its caption says", () => {
  it.each([
    ["draft", "offered"],
    ["upcoming", "offered"],
    ["live", "left"],
    ["paused", "left"],
    ["sold_out", "left"],
    ["ended", "sold"],
    ["archived", "sold"],
    [undefined, "left"],
  ] as const)("%s → %s", (status, measure) => {
    expect(stockMeasureOf(status)).toBe(measure);
  });

  it("an ended sale: 37 of 100 sold, the bar 37% full", () => {
    const measure = stockMeasureOf("ended");
    expect(stockCaption(measure, 63, 100)).toBe("37 of 100 units sold");
    expect(stockShare(measure, 63, 100)).toBeCloseTo(0.37);
  });

  it("a running sale: 63 of 100 left, the bar 63% full", () => {
    const measure = stockMeasureOf("live");
    expect(stockCaption(measure, 63, 100)).toBe("63 of 100 left");
    expect(stockShare(measure, 63, 100)).toBeCloseTo(0.63);
  });

  it("says 1 unit, not 1 units", () => {
    expect(stockCaption(stockMeasureOf("upcoming"), 1, 1)).toBe("1 unit");
    expect(stockCaption(stockMeasureOf("ended"), 0, 1)).toBe("Sold out · all 1 unit sold");
  });
});
