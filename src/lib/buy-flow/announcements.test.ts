import { describe, expect, it } from "vitest";
import {
  chanceLine,
  holdTimeAnnouncement,
  isUrgentChange,
  lobbyCountLine,
  proofTime,
  spokenWindow,
  statusAnnouncement,
  stockAnnouncement,
  waitlistLine,
} from "./announcements";
import type { BuyStatus, PaymentStep } from "./buy-flow";
import { holdOf, NOW } from "./test-fixtures";

const held = (step: PaymentStep = { name: "idle" }, hold = holdOf()): BuyStatus => ({ name: "held", hold, step });
const offer = holdOf({ reservationId: "rsv_999988887777", kind: "OFFER", expiresAt: NOW + 300_000 });

describe("statusAnnouncement", () => {
  it("stays quiet on page load and when the status has not changed", () => {
    expect(statusAnnouncement(null, { name: "ready" })).toBeNull();
    expect(statusAnnouncement(null, held())).toBeNull();
    expect(statusAnnouncement({ name: "ready" }, { name: "ready" })).toBeNull();
    expect(statusAnnouncement({ name: "rateLimited", retryAt: 1 }, { name: "rateLimited", retryAt: 2 })).toBeNull();
    expect(statusAnnouncement(held(), held())).toBeNull();
    expect(statusAnnouncement(held({ name: "processing" }), held({ name: "processing" }))).toBeNull();
  });

  it.each([
    [{ name: "notStarted" }, { name: "ready" }, "The sale is live. You can buy now."],
    [{ name: "ready" }, { name: "reserving" }, "Reserving your unit…"],
    [{ name: "reserving" }, { name: "reserved", reservationId: "r", alreadyHeld: false }, "Reserved! One moment…"],
    [
      { name: "reserving" },
      { name: "reserved", reservationId: "r", alreadyHeld: true },
      "You already have one. One moment…",
    ],
    [
      { name: "reserved", reservationId: "r", alreadyHeld: false },
      held(),
      "Reserved! It's held for you for 10 minutes. Pay to make it yours.",
    ],
    [
      { name: "reserved", reservationId: "r", alreadyHeld: true },
      held(),
      "You already have one on hold. Pay before the timer runs out.",
    ],
    [
      { name: "waitlisted", position: 1, waiting: 4, chance: null },
      held({ name: "idle" }, offer),
      "Good news: a unit came free. It's yours if you pay within 5 minutes.",
    ],
    [held(), held({ name: "opening" }), "Opening the secure payment page…"],
    [held({ name: "opening" }), held({ name: "processing" }), "Confirming your payment…"],
    [
      held({ name: "opening" }),
      held({ name: "leftPayment" }),
      "You left the payment page without paying. The unit is still held for you.",
    ],
    [held(), held({ name: "cancelling" }), "Letting it go…"],
    [held({ name: "opening" }), held({ name: "failed", message: "Offline" }), "Offline"],
    [
      held({ name: "processing" }),
      held({ name: "idle" }, holdOf({ declined: "card_declined" })),
      "Your card was declined. Try again before the timer runs out.",
    ],
    [
      held({ name: "processing" }),
      { name: "paid", hold: holdOf(), alreadyHeld: false },
      "Payment received. It's yours. Order number SP-0A1B2-C3D4E.",
    ],
    [
      { name: "ready" },
      { name: "paid", hold: holdOf(), alreadyHeld: true },
      "You bought this earlier. Order number SP-0A1B2-C3D4E.",
    ],
    [
      { name: "reserved", reservationId: "r", alreadyHeld: false },
      { name: "confirmed", hold: holdOf(), alreadyHeld: false },
      "Order confirmed. Order number SP-0A1B2-C3D4E.",
    ],
    [{ name: "ready" }, { name: "confirmed", hold: null, alreadyHeld: true }, "You already bought this."],
    [
      held(),
      { name: "expired", hold: holdOf(), paymentPending: false },
      "Your hold has expired and the unit went to the next shopper. You were not charged.",
    ],
    [
      held({ name: "idle" }, offer),
      { name: "expired", hold: offer, paymentPending: false },
      "The offer has expired and the unit went to the next person in line. You were not charged.",
    ],
    [
      held({ name: "cancelling" }),
      { name: "cancelled", hold: holdOf(), paymentPending: false },
      "You let it go. Nothing was charged.",
    ],
    [
      held({ name: "processing" }),
      { name: "expired", hold: holdOf(), paymentPending: true },
      "The hold ended as your payment was arriving. If a unit is still free it's yours; if not, your payment is refunded in full.",
    ],
    [
      held({ name: "processing" }),
      { name: "refunded", hold: holdOf() },
      "Your payment arrived after the hold ended, so we refunded it in full.",
    ],
    [{ name: "reserving" }, { name: "soldOut", canJoinWaitlist: false }, "Sold out."],
    [{ name: "reserving" }, { name: "soldOut", canJoinWaitlist: true }, "Sold out. You can join the waitlist."],
    [
      { name: "soldOut", canJoinWaitlist: false },
      { name: "soldOut", canJoinWaitlist: true },
      "You can join the waitlist.",
    ],
    [{ name: "soldOut", canJoinWaitlist: true }, { name: "joining" }, "Joining the waitlist…"],
    [
      { name: "joining" },
      { name: "waitlisted", position: 3, waiting: 41, chance: null },
      "You joined the waitlist. You're #3 in line; 41 waiting.",
    ],
    [{ name: "joining" }, { name: "waitlistFailed", message: "No waitlist here" }, "No waitlist here"],
    [{ name: "ready" }, { name: "paused" }, "The sale is paused."],
    [{ name: "paused" }, { name: "ended" }, "The sale has ended."],
    [{ name: "reserving" }, { name: "failed", message: "Network down" }, "Network down"],
    [{ name: "failed", message: "Network down" }, { name: "failed", message: "Still down" }, "Still down"],
    [{ name: "reserving" }, { name: "signedOut" }, "Your session has ended. Sign in to buy."],
    [{ name: "ready" }, { name: "notStarted" }, "The sale has not started yet."],
  ] as Array<[BuyStatus, BuyStatus, string]>)("%j → %j says %s", (previous, next, sentence) => {
    expect(statusAnnouncement(previous, next)).toBe(sentence);
  });

  it("mentions the retry timer when rate limited", () => {
    expect(statusAnnouncement({ name: "reserving" }, { name: "rateLimited", retryAt: 5 })).toMatch(/timer/);
  });

  it("speaks a place in line only as it moves up near the front", () => {
    const at = (position: number): BuyStatus => ({ name: "waitlisted", position, waiting: 40, chance: null });
    expect(statusAnnouncement(at(9), at(8))).toBeNull();
    expect(statusAnnouncement(at(4), at(3))).toBe("You're now #3 in line.");
    expect(statusAnnouncement(at(2), at(1))).toBe("You're next in line.");
    expect(statusAnnouncement(at(2), at(2))).toBeNull();
  });

  it("does not repeat a decline already announced", () => {
    const declined = holdOf({ declined: "card_declined" });
    expect(statusAnnouncement(held({ name: "idle" }, declined), held({ name: "idle" }, declined))).toBeNull();
  });
});

describe("a fair draw, said", () => {
  const lineAt = (position: number, chance: "LIKELY" | "POSSIBLE" | "UNLIKELY" | null): BuyStatus => ({
    name: "waitlisted",
    position,
    waiting: 212,
    chance,
  });

  it.each([
    [{ name: "notStarted" }, { name: "lobbyOpen" }, "The lobby is open. You can enter the draw."],
    [
      { name: "lobbyOpen" },
      { name: "proving", action: "enter" },
      "Running a quick security check before entering you in the draw…",
    ],
    [{ name: "ready" }, { name: "proving", action: "buy" }, "Running a quick security check before reserving…"],
    [
      { name: "soldOut", canJoinWaitlist: true },
      { name: "proving", action: "join" },
      "Running a quick security check before joining the waitlist…",
    ],
    [{ name: "lobbyOpen" }, { name: "entering" }, "Entering you in the draw…"],
    [
      { name: "entering" },
      { name: "inLobby" },
      "You're in the draw. Everyone in the lobby at the start has the same chance; your result appears here.",
    ],
    [
      { name: "proving", action: "enter" },
      { name: "challengeFailed", action: "enter", problem: "CHALLENGE_UNSOLVED", message: "Could not finish." },
      "Could not finish.",
    ],
    [
      { name: "entering" },
      { name: "admissionRefused", limit: "DEVICE_LIMIT", message: "This device is at its limit." },
      "This device is at its limit.",
    ],
    [{ name: "inLobby" }, held(), "You won the draw! A unit is held for you for 10 minutes. Pay to make it yours."],
    [
      { name: "inLobby" },
      lineAt(37, "POSSIBLE"),
      "The draw is done. You're #37 in line — a unit reaching you is possible.",
    ],
    [{ name: "inLobby" }, lineAt(37, null), "The draw is done. You're #37 in line; 212 waiting."],
    [lineAt(37, "POSSIBLE"), lineAt(36, "LIKELY"), "A unit reaching you is now likely."],
    [
      { name: "inLobby" },
      { name: "entryLost" },
      "We lost your entry — please enter again. Entering any time before the start gives you the same chance.",
    ],
    [{ name: "inLobby" }, { name: "ready" }, "The sale is live. You can buy now."],
    [{ name: "inLobby" }, { name: "ended" }, "The sale has ended."],
  ] as Array<[BuyStatus, BuyStatus, string]>)("%j → %j says %s", (previous, next, sentence) => {
    expect(statusAnnouncement(previous, next)).toBe(sentence);
  });

  it("says the entry once after its challenge, not twice", () => {
    expect(statusAnnouncement({ name: "proving", action: "enter" }, { name: "entering" })).toBeNull();
  });

  it("stays quiet while the lobby only counts, and while the chance holds", () => {
    expect(statusAnnouncement({ name: "inLobby" }, { name: "inLobby" })).toBeNull();
    expect(statusAnnouncement(lineAt(37, "POSSIBLE"), lineAt(35, "POSSIBLE"))).toBeNull();
    expect(statusAnnouncement(lineAt(37, null), lineAt(37, "UNLIKELY"))).toBeNull();
  });

  it("interrupts for a won draw, whose clock is already running", () => {
    expect(isUrgentChange({ name: "inLobby" }, held())).toBe(true);
    expect(isUrgentChange({ name: "inLobby" }, lineAt(3, "LIKELY"))).toBe(false);
  });

  it.each([
    [37, "POSSIBLE", "You're #37 in line — a unit reaching you is possible."],
    [1, "LIKELY", "You're next in line — a unit reaching you is likely."],
    [500, "UNLIKELY", "You're #500 in line — a unit reaching you is unlikely."],
    [0, "POSSIBLE", "You're in line — a unit reaching you is possible."],
  ] as const)("chanceLine(%i, %s) = %s", (position, chance, line) => {
    expect(chanceLine(position, chance)).toBe(line);
  });

  it("counts the lobby against the units", () => {
    expect(lobbyCountLine(312, 100)).toBe("312 entered for 100 units");
    expect(lobbyCountLine(1, 1)).toBe("1 entered for 1 unit");
    expect(lobbyCountLine(0, 5)).toBe("0 entered for 5 units");
  });

  it("gives a challenge's time to a tenth of a second, then whole seconds", () => {
    expect(proofTime(812)).toBe("0.8 s");
    expect(proofTime(49)).toBe("0.0 s");
    expect(proofTime(9_940)).toBe("9.9 s");
    expect(proofTime(12_400)).toBe("12 s");
  });
});

describe("isUrgentChange", () => {
  it("interrupts for an offer from the waitlist and for a declined card", () => {
    expect(
      isUrgentChange({ name: "waitlisted", position: 1, waiting: 1, chance: null }, held({ name: "idle" }, offer)),
    ).toBe(true);
    expect(isUrgentChange(held({ name: "processing" }), held({ name: "idle" }, holdOf({ declined: "x" })))).toBe(true);
  });

  it("waits its turn for everything else, and says nothing urgent on page load", () => {
    expect(isUrgentChange(null, held({ name: "idle" }, offer))).toBe(false);
    expect(isUrgentChange({ name: "reserved", reservationId: "r", alreadyHeld: false }, held())).toBe(false);
    expect(isUrgentChange(held({ name: "idle" }, offer), held({ name: "opening" }, offer))).toBe(false);
    expect(isUrgentChange(held(), { name: "expired", hold: holdOf(), paymentPending: false })).toBe(false);
  });
});

describe("holdTimeAnnouncement", () => {
  it("says the last minute once, as the countdown crosses it", () => {
    expect(holdTimeAnnouncement(61_000, 60_000)).toBe("One minute left to pay.");
    expect(holdTimeAnnouncement(60_000, 59_000)).toBeNull();
    expect(holdTimeAnnouncement(120_000, 119_000)).toBeNull();
  });

  it("stays quiet for a hold first seen inside its last minute, and at zero", () => {
    expect(holdTimeAnnouncement(null, 30_000)).toBeNull();
    expect(holdTimeAnnouncement(61_000, 0)).toBeNull();
  });
});

describe("words", () => {
  it.each([
    [600_000, "10 minutes"],
    [60_000, "1 minute"],
    [90_000, "1 minute 30 seconds"],
    [45_000, "45 seconds"],
    [1_000, "1 second"],
  ])("spokenWindow(%i) is %s", (ms, words) => {
    expect(spokenWindow(ms)).toBe(words);
  });

  it("waitlistLine says the place and the crowd", () => {
    expect(waitlistLine(3, 41)).toBe("You're #3 in line; 41 waiting.");
    expect(waitlistLine(1, 41)).toBe("You're next in line; 41 waiting.");
    expect(waitlistLine(0, 41)).toBe("You're in line; 41 waiting.");
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
