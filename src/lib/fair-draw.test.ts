import { describe, expect, it } from "vitest";
import { chanceOf, type ChanceInputs } from "./fair-draw";

const base: ChanceInputs = { position: 1, stock: 0, unpaidHolds: 0, released: 0, paid: 0 };
const at = (position: number, rest: Partial<ChanceInputs>) => chanceOf({ ...base, ...rest, position });

describe("chanceOf", () => {
  it("weighs unpaid holds by the observed share of ended holds that came back", () => {
    // 100 unpaid, 1 in 4 ended holds released: 25 expected back.
    const observed = { unpaidHolds: 100, released: 10, paid: 30 };
    expect(at(1, observed)).toBe("LIKELY");
    expect(at(12, observed)).toBe("LIKELY"); // 12 <= 12.5
    expect(at(13, observed)).toBe("POSSIBLE");
    expect(at(37, observed)).toBe("POSSIBLE"); // 37 <= 37.5
    expect(at(38, observed)).toBe("UNLIKELY");
  });

  it("counts free stock as certain returns", () => {
    const withStock = { stock: 4, unpaidHolds: 10, released: 1, paid: 1 }; // 4 + 5 = 9 expected
    expect(at(4, withStock)).toBe("LIKELY");
    expect(at(13, withStock)).toBe("POSSIBLE"); // 13 <= 13.5
    expect(at(14, withStock)).toBe("UNLIKELY");
  });

  it("before any hold has ended, assumes half come back but never says likely beyond the free stock", () => {
    const unobserved = { stock: 2, unpaidHolds: 100 }; // 2 + 50 = 52 expected
    expect(at(2, unobserved)).toBe("LIKELY");
    // Half of 52 would be "likely" on an observed rate; on a guess it is only possible.
    expect(at(3, unobserved)).toBe("POSSIBLE");
    expect(at(26, unobserved)).toBe("POSSIBLE");
    expect(at(78, unobserved)).toBe("POSSIBLE");
    expect(at(79, unobserved)).toBe("UNLIKELY");
  });

  it("when every ended hold was paid, only free stock reaches the queue", () => {
    const allPaid = { stock: 0, unpaidHolds: 50, released: 0, paid: 40 };
    expect(at(1, allPaid)).toBe("UNLIKELY");
    expect(at(1, { ...allPaid, stock: 1 })).toBe("LIKELY");
  });

  it("the head of the queue is possible while a unit may come back, even with few holds out", () => {
    expect(at(1, { unpaidHolds: 1 })).toBe("POSSIBLE"); // a guessed half of one unit
    expect(at(2, { unpaidHolds: 1 })).toBe("UNLIKELY");
    expect(at(1, { unpaidHolds: 1, released: 1, paid: 9 })).toBe("UNLIKELY"); // a tenth of a unit
  });

  it("a unit free right now for this place is likely whatever the rate", () => {
    expect(at(3, { stock: 3, unpaidHolds: 0, released: 0, paid: 9 })).toBe("LIKELY");
  });
});
