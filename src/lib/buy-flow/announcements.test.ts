import { describe, expect, it } from "vitest";
import { orderNumber, statusAnnouncement, stockAnnouncement } from "./announcements";

describe("statusAnnouncement", () => {
  it("stays quiet on page load and when the status has not changed", () => {
    expect(statusAnnouncement(null, { name: "ready" })).toBeNull();
    expect(statusAnnouncement({ name: "ready" }, { name: "ready" })).toBeNull();
    expect(statusAnnouncement({ name: "rateLimited", retryAt: 1 }, { name: "rateLimited", retryAt: 2 })).toBeNull();
  });

  it.each([
    [{ name: "notStarted" }, { name: "ready" }, "The sale is live. You can buy now."],
    [{ name: "ready" }, { name: "reserving" }, "Reserving your unit…"],
    [
      { name: "reserving" },
      { name: "confirming", reservationId: "r", alreadyHeld: false },
      "Reserved! Confirming your order…",
    ],
    [
      { name: "reserving" },
      { name: "confirming", reservationId: "rsv_held", alreadyHeld: true },
      "You already have one. Confirming your order…",
    ],
    [
      { name: "confirming", reservationId: "r", alreadyHeld: false },
      { name: "confirmed", orderId: "cmabcdef12345678", alreadyHeld: false },
      "Order confirmed. Order number 12345678.",
    ],
    [
      { name: "ready" },
      { name: "confirmed", orderId: "cmabcdefghijklmn", alreadyHeld: true },
      "You already bought this. Order number GHIJKLMN.",
    ],
    [{ name: "reserving" }, { name: "soldOut" }, "Sold out."],
    [{ name: "ready" }, { name: "paused" }, "The sale is paused."],
    [{ name: "paused" }, { name: "ended" }, "The sale has ended."],
    [{ name: "reserving" }, { name: "failed", message: "Network down" }, "Network down"],
    [{ name: "reserving" }, { name: "signedOut" }, "Your session has ended. Sign in to buy."],
    [{ name: "ready" }, { name: "notStarted" }, "The sale has not started yet."],
  ] as const)("%j → %j says %s", (previous, next, sentence) => {
    expect(statusAnnouncement(previous, next)).toBe(sentence);
  });

  it("mentions the retry timer when rate limited", () => {
    expect(statusAnnouncement({ name: "reserving" }, { name: "rateLimited", retryAt: 5 })).toMatch(/timer/);
  });
});

describe("stockAnnouncement", () => {
  it("says nothing on the first read, when stock rises or stays, or at zero", () => {
    expect(stockAnnouncement(null, 3, 100)).toBeNull();
    expect(stockAnnouncement(3, 5, 100)).toBeNull();
    expect(stockAnnouncement(5, 5, 100)).toBeNull();
    expect(stockAnnouncement(3, 0, 100)).toBeNull();
  });

  it("says nothing while stock falls within one bucket", () => {
    expect(stockAnnouncement(100, 60, 100)).toBeNull();
    expect(stockAnnouncement(9, 7, 100)).toBeNull();
  });

  it.each([
    [100, 50, 100, "50 of 100 left."],
    [51, 25, 100, "25 of 100 left."],
    [30, 10, 100, "Only 10 left."],
    [8, 4, 100, "Only 4 left."],
    [4, 1, 100, "Last one left."],
    [10, 1, 10, "Last one left."],
  ])("%i → %i of %i says %s", (previous, left, total, sentence) => {
    expect(stockAnnouncement(previous, left, total)).toBe(sentence);
  });
});

describe("orderNumber", () => {
  it("is the upper-cased tail of the order id", () => {
    expect(orderNumber("cm3xyzabc0001qwer")).toBe("0001QWER");
  });
});
