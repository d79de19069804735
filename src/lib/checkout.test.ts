import { describe, expect, it } from "vitest";
import { orderNumberOf, reservationPrefixOf } from "./checkout";

const RESERVATION = "rsv_1a2b3c4d5e6f708192a3b4c5d6e7f809";

describe("orderNumberOf", () => {
  it("reads the reservation's first ten hex digits in two groups", () => {
    expect(orderNumberOf(RESERVATION)).toBe("SP-1A2B3-C4D5E");
  });
});

describe("reservationPrefixOf", () => {
  it.each([
    "SP-1A2B3-C4D5E",
    "sp-1a2b3-c4d5e",
    "SP1A2B3C4D5E",
    "1A2B3-C4D5E",
    "1a2b3c4d5e",
    " SP 1A2B3 C4D5E ",
    "#SP-1A2B3-C4D5E",
    "SP–1A2B3–C4D5E",
  ])("%j is the number of the reservation it was made from", (typed) => {
    const prefix = reservationPrefixOf(typed);
    expect(prefix).toBe("rsv_1a2b3c4d5e");
    expect(RESERVATION.startsWith(prefix!)).toBe(true);
    expect(orderNumberOf(RESERVATION)).toBe(orderNumberOf(`${prefix}0000`));
  });

  it("takes the first group alone as the start of a number", () => {
    expect(reservationPrefixOf("SP-1A2B3")).toBe("rsv_1a2b3");
    expect(reservationPrefixOf("1a2b3")).toBe("rsv_1a2b3");
  });

  it.each(["", "SP-", "1A2B", "SP-1A2B3-C4D5E6", "ada@example.test", "SP-1A2B3-C4D5G", "rsv_1a2b3c4d5e"])(
    "%j cannot be an order number",
    (typed) => {
      expect(reservationPrefixOf(typed)).toBeNull();
    },
  );
});
