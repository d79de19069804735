import { describe, expect, it } from "vitest";
import {
  buyFlowReducer,
  initialBuyState,
  type BuyEvent,
  type BuyState,
  type BuyStatus,
  type PaymentStep,
} from "./buy-flow";
import { canLetGo, canPay, needsOrderPolling } from "./checkout-flow";
import { allNames, answer, holdOf, NOW, stateIn, statusEvent } from "./test-fixtures";

const run = (state: BuyState, ...events: BuyEvent[]) => events.reduce(buyFlowReducer, state);
const heldWith = (step: PaymentStep, hold = holdOf()): BuyState =>
  stateIn("held", { status: { name: "held", hold, step }, statusAt: NOW });

describe("ORDER_STATUS: where the server says the shopper stands", () => {
  it.each([
    ["HELD", { name: "held", hold: holdOf(), step: { name: "idle" } }],
    ["PAID", { name: "paid", hold: holdOf(), alreadyHeld: true }],
    ["CONFIRMED", { name: "confirmed", hold: holdOf(), alreadyHeld: true }],
    ["EXPIRED", { name: "expired", hold: holdOf(), paymentPending: false }],
    ["CANCELLED", { name: "cancelled", hold: holdOf(), paymentPending: false }],
    ["REFUNDED", { name: "refunded", hold: holdOf() }],
    ["REFUSED", { name: "refused", hold: holdOf() }],
    ["WAITLISTED", { name: "waitlisted", position: 3, waiting: 41, chance: "POSSIBLE" }],
    ["IN_LOBBY", { name: "inLobby" }],
  ] as const)("%s from a resting page → %j", (state, status) => {
    expect(run(stateIn("ready"), statusEvent(answer(state))).status).toEqual(status);
  });

  it("lets the reservation's own answer decide while it is in flight", () => {
    const state = stateIn("reserving");
    expect(buyFlowReducer(state, statusEvent(answer("HELD")))).toBe(state);
  });

  it("ignores an answer older than the one it has (a poll sent before a cancel, answered after it)", () => {
    const cancelled = run(
      heldWith({ name: "cancelling" }),
      statusEvent(answer("CANCELLED", { serverNow: NOW + 2_000 })),
    );
    expect(cancelled.status.name).toBe("cancelled");
    expect(buyFlowReducer(cancelled, statusEvent(answer("HELD", { serverNow: NOW + 1_000 })))).toBe(cancelled);
  });

  it("returns the same state for a repeat of the same answer, so React skips the render", () => {
    const state = run(stateIn("ready"), statusEvent(answer("HELD")));
    expect(buyFlowReducer(state, statusEvent(answer("HELD")))).toBe(state);
  });

  it("keeps the status object of an unchanged hold across polls", () => {
    const state = run(stateIn("ready"), statusEvent(answer("HELD")));
    const polled = buyFlowReducer(state, statusEvent(answer("HELD", { serverNow: NOW + 2_000 })));
    expect(polled.status).toBe(state.status);
    expect(polled.statusAt).toBe(NOW + 2_000);
  });

  it("ignores a HELD answer that carries no hold", () => {
    const state = stateIn("ready");
    expect(run(state, statusEvent(answer("HELD", { hold: null }))).status).toEqual(state.status);
  });

  describe("NONE", () => {
    // A lobby entry is the exception: Redis may lose it before the draw (see lobby-flow.test.ts).
    it.each(allNames.filter((name) => name !== "soldOut" && name !== "inLobby"))("never undoes %s", (name) => {
      const state = stateIn(name);
      expect(run(state, statusEvent(answer("NONE", { canJoinWaitlist: true }))).status).toEqual(state.status);
    });

    it("opens and closes the waitlist button on a sold-out page", () => {
      const open = run(stateIn("soldOut"), statusEvent(answer("NONE", { canJoinWaitlist: true })));
      expect(open.status).toEqual({ name: "soldOut", canJoinWaitlist: true });
      const closed = run(open, statusEvent(answer("NONE", { serverNow: NOW + 1, canJoinWaitlist: false })));
      expect(closed.status).toEqual({ name: "soldOut", canJoinWaitlist: false });
    });

    it("does not offer the waitlist to a signed-out page", () => {
      const state = stateIn("soldOut", { signedIn: false });
      expect(run(state, statusEvent(answer("NONE", { canJoinWaitlist: true }))).status).toEqual({
        name: "soldOut",
        canJoinWaitlist: false,
      });
    });
  });

  describe("whether the page watched it happen", () => {
    it("calls a payment seen while holding fresh, and one found on arrival earlier", () => {
      expect(run(heldWith({ name: "processing" }), statusEvent(answer("PAID", { serverNow: NOW + 1 }))).status).toEqual(
        {
          name: "paid",
          hold: holdOf(),
          alreadyHeld: false,
        },
      );
      expect(run(stateIn("soldOut"), statusEvent(answer("PAID"))).status).toMatchObject({ alreadyHeld: true });
    });

    it("carries the reservation's own word into a free claim", () => {
      const fresh = run(stateIn("reserved"), statusEvent(answer("CONFIRMED")));
      expect(fresh.status).toMatchObject({ name: "confirmed", alreadyHeld: false });
      const repeat = run(
        stateIn("reserved", { status: { name: "reserved", reservationId: "rsv_1", alreadyHeld: true } }),
        statusEvent(answer("CONFIRMED")),
      );
      expect(repeat.status).toMatchObject({ name: "confirmed", alreadyHeld: true });
    });

    it("calls a free unit that came from the waitlist fresh", () => {
      expect(run(stateIn("waitlisted"), statusEvent(answer("CONFIRMED"))).status).toMatchObject({
        name: "confirmed",
        alreadyHeld: false,
      });
    });
  });

  describe("polls of a hold", () => {
    it.each(["opening", "processing", "leftPayment", "cancelling"] as const)("keep the %s step", (name) => {
      const state = heldWith({ name });
      const polled = run(state, statusEvent(answer("HELD", { serverNow: NOW + 2_000 })));
      expect(polled.status).toEqual(state.status);
    });

    it("keep a failure on screen until the shopper acts", () => {
      const state = heldWith({ name: "failed", message: "Offline" });
      expect(run(state, statusEvent(answer("HELD", { serverNow: NOW + 2_000 }))).status).toEqual(state.status);
    });

    it("end the wait for a payment when a new decline arrives", () => {
      const state = heldWith({ name: "processing" });
      const declined = holdOf({ declined: "Your card was declined.", paymentStarted: true });
      expect(run(state, statusEvent(answer("HELD", { serverNow: NOW + 2_000, hold: declined }))).status).toEqual({
        name: "held",
        hold: declined,
        step: { name: "idle" },
      });
    });

    it("keep waiting for a payment when the decline is the one from before it", () => {
      const declined = holdOf({ declined: "card_declined", paymentStarted: true });
      const state = heldWith({ name: "processing" }, declined);
      expect(run(state, statusEvent(answer("HELD", { serverNow: NOW + 2_000, hold: declined }))).status).toEqual(
        state.status,
      );
    });

    it("start a new hold (an offer after the first hold's end) at rest", () => {
      const offer = holdOf({ reservationId: "rsv_ffff00001111", kind: "OFFER" });
      const state = heldWith({ name: "processing" });
      expect(run(state, statusEvent(answer("HELD", { serverNow: NOW + 2_000, hold: offer }))).status).toEqual({
        name: "held",
        hold: offer,
        step: { name: "idle" },
      });
    });
  });

  describe("a payment that reaches a hold after it ended", () => {
    it("keeps waiting for the order or the refund when the hold expires while a payment is on its way", () => {
      const expired = run(heldWith({ name: "processing" }), statusEvent(answer("EXPIRED", { serverNow: NOW + 1 })));
      expect(expired.status).toEqual({ name: "expired", hold: holdOf(), paymentPending: true });
      expect(needsOrderPolling(expired)).toBe(true);
      const still = run(expired, statusEvent(answer("EXPIRED", { serverNow: NOW + 2 })));
      expect(still.status).toBe(expired.status);
      expect(run(still, statusEvent(answer("REFUNDED", { serverNow: NOW + 3 }))).status.name).toBe("refunded");
      expect(run(still, statusEvent(answer("PAID", { serverNow: NOW + 3 }))).status).toMatchObject({
        name: "paid",
        alreadyHeld: true,
      });
    });

    it("says nothing of a payment for a hold that simply ran out", () => {
      const expired = run(heldWith({ name: "idle" }), statusEvent(answer("EXPIRED", { serverNow: NOW + 1 })));
      expect(expired.status).toMatchObject({ paymentPending: false });
      expect(needsOrderPolling(expired)).toBe(false);
    });

    it.each(["EXPIRED", "CANCELLED"] as const)(
      "waits for it when the provider sends the shopper back to a %s hold",
      (state) => {
        const landed = initialBuyState({
          phase: "live",
          signedIn: true,
          stock: null,
          order: answer(state),
          returnedFromPayment: "success",
        });
        expect(landed.status).toMatchObject({ paymentPending: true });
        expect(needsOrderPolling(landed)).toBe(true);
      },
    );

    it("greets a shopper sent back to an order already paid as having just paid", () => {
      const landed = initialBuyState({
        phase: "live",
        signedIn: true,
        stock: null,
        order: answer("PAID"),
        returnedFromPayment: "success",
      });
      expect(landed.status).toMatchObject({ name: "paid", alreadyHeld: false });
    });
  });

  it("follows a place in line as it moves up", () => {
    const state = run(
      stateIn("waitlisted"),
      statusEvent(
        answer("WAITLISTED", { serverNow: NOW + 2_000, waitlist: { position: 2, waiting: 40, chance: "LIKELY" } }),
      ),
    );
    expect(state.status).toEqual({ name: "waitlisted", position: 2, waiting: 40, chance: "LIKELY" });
  });
});

describe("paying and letting go", () => {
  it.each(["idle", "leftPayment"] as const)("PAY opens the payment page from %s", (name) => {
    expect(run(heldWith({ name }), { type: "PAY" }).status).toMatchObject({ step: { name: "opening" } });
  });

  it("PAY retries after a failure", () => {
    expect(run(heldWith({ name: "failed", message: "x" }), { type: "PAY" }).status).toMatchObject({
      step: { name: "opening" },
    });
  });

  it.each(["opening", "processing", "cancelling"] as const)("PAY and CANCEL are ignored while %s", (name) => {
    const state = heldWith({ name });
    expect(buyFlowReducer(state, { type: "PAY" })).toBe(state);
    expect(buyFlowReducer(state, { type: "CANCEL" })).toBe(state);
    expect(canPay(state)).toBe(false);
    expect(canLetGo(state)).toBe(false);
  });

  it("PAY_FAILED shows the reason only for a payment being opened", () => {
    expect(run(heldWith({ name: "opening" }), { type: "PAY_FAILED", message: "Offline" }).status).toMatchObject({
      step: { name: "failed", message: "Offline" },
    });
    const idle = heldWith({ name: "idle" });
    expect(buyFlowReducer(idle, { type: "PAY_FAILED", message: "Offline" })).toBe(idle);
  });

  it("CANCEL waits for the server, whose answer ends the hold", () => {
    const cancelling = run(heldWith({ name: "idle" }), { type: "CANCEL" });
    expect(cancelling.status).toMatchObject({ step: { name: "cancelling" } });
    expect(run(cancelling, statusEvent(answer("CANCELLED", { serverNow: NOW + 1 }))).status.name).toBe("cancelled");
  });

  it("CANCEL_FAILED shows the reason only for a cancel in flight", () => {
    expect(run(heldWith({ name: "cancelling" }), { type: "CANCEL_FAILED", message: "No" }).status).toMatchObject({
      step: { name: "failed", message: "No" },
    });
    const opening = heldWith({ name: "opening" });
    expect(buyFlowReducer(opening, { type: "CANCEL_FAILED", message: "No" })).toBe(opening);
  });

  it.each([
    ["success", "idle", "processing"],
    ["success", "leftPayment", "processing"],
    ["cancelled", "idle", "leftPayment"],
    ["cancelled", "processing", "processing"],
    ["back", "opening", "leftPayment"],
    ["back", "idle", "idle"],
    ["back", "processing", "processing"],
  ] as const)("PAYMENT_RETURNED %s while %s → %s", (how, from, to) => {
    expect(run(heldWith({ name: from }), { type: "PAYMENT_RETURNED", how }).status).toMatchObject({
      step: { name: to },
    });
  });

  it.each(allNames.filter((name) => name !== "held"))("checkout events are ignored while %s", (name) => {
    const state = stateIn(name);
    for (const event of [
      { type: "PAY" },
      { type: "PAY_FAILED", message: "x" },
      { type: "CANCEL" },
      { type: "CANCEL_FAILED", message: "x" },
      { type: "PAYMENT_RETURNED", how: "cancelled" },
      { type: "PAYMENT_RETURNED", how: "back" },
    ] as BuyEvent[]) {
      expect(buyFlowReducer(state, event)).toBe(state);
    }
  });

  it.each(allNames.filter((name) => !["held", "expired", "cancelled", "paid"].includes(name)))(
    "a return from paying is ignored while %s",
    (name) => {
      const state = stateIn(name);
      expect(buyFlowReducer(state, { type: "PAYMENT_RETURNED", how: "success" })).toBe(state);
    },
  );

  it("a declined card leaves the hold payable", () => {
    const state = heldWith({ name: "idle" }, holdOf({ declined: "card_declined" }));
    expect(canPay(state)).toBe(true);
  });
});

describe("needsOrderPolling", () => {
  const polled: BuyStatus["name"][] = ["reserved", "held", "joining", "waitlisted", "inLobby"];
  it.each(allNames)("%s", (name) => {
    expect(needsOrderPolling(stateIn(name))).toBe(polled.includes(name));
  });

  it.each(["expired", "cancelled"] as const)("%s while a late payment is on its way", (name) => {
    const state = stateIn(name, { status: { name, hold: holdOf(), paymentPending: true } });
    expect(needsOrderPolling(state)).toBe(true);
  });
});
