import { describe, expect, it } from "vitest";
import { formatPrice } from "./money";

describe("formatPrice", () => {
  it("formats minor units in the currency's own precision", () => {
    expect(formatPrice(12_999, "USD")).toBe("$129.99");
    expect(formatPrice(500, "JPY")).toBe("¥500");
    expect(formatPrice(1_050, "EUR", "de-DE")).toBe("10,50\u00a0€");
  });
});
