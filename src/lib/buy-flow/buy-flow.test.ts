import { describe, expect, it } from "vitest";
import {
  buyFlowReducer,
  canBuy,
  canJoinWaitlist,
  initialBuyState,
  type BuyEvent,
  type BuyState,
  type BuyStatus,
  type Refusal,
  type WaitlistRefusal,
} from "./buy-flow";
import { allNames, answer, holdOf, NOW, observed, stateIn, statusEvent, stockOf } from "./test-fixtures";

const refused = (refusal: Refusal, at = NOW): BuyEvent => ({ type: "REFUSED", refusal, at });
const waitlistRefused = (refusal: WaitlistRefusal): BuyEvent => ({ type: "WAITLIST_REFUSED", refusal });
const run = (state: BuyState, ...events: BuyEvent[]) => events.reduce(buyFlowReducer, state);

describe("initialBuyState", () => {
  it.each([
    ["upcoming", true, 5, "notStarted"],
    ["live", true, 5, "ready"],
    ["paused", true, 5, "paused"],
    ["ended", true, 5, "ended"],
    ["live", true, 0, "soldOut"],
    ["ended", true, 0, "ended"],
    ["upcoming", false, 5, "signedOut"],
    ["live", false, 5, "signedOut"],
    ["live", false, 0, "soldOut"],
    ["ended", false, 5, "ended"],
  ] as const)("%s, signed in %s, %i left → %s", (phase, signedIn, left, expected) => {
    expect(initialBuyState({ phase, signedIn, stock: stockOf(left), order: null }).status.name).toBe(expected);
  });

  it("comes back to the hold and its timer after a refresh", () => {
    const state = initialBuyState({ phase: "live", signedIn: true, stock: stockOf(0), order: answer("HELD") });
    expect(state.status).toEqual({ name: "held", hold: holdOf(), step: { name: "idle" } });
    expect(state.statusAt).toBe(NOW);
  });

  it("shows a paid order even after the sale ended, as bought earlier", () => {
    const state = initialBuyState({ phase: "ended", signedIn: true, stock: stockOf(0), order: answer("PAID") });
    expect(state.status).toEqual({ name: "paid", hold: holdOf(), alreadyHeld: true });
  });

  it("rests normally when the shopper has nothing in the sale", () => {
    expect(initialBuyState({ phase: "live", signedIn: true, stock: null, order: answer("NONE") }).status.name).toBe(
      "ready",
    );
  });

  it("offers the waitlist on a sold-out sale when the server allows it", () => {
    const order = answer("NONE", { canJoinWaitlist: true });
    expect(initialBuyState({ phase: "live", signedIn: true, stock: stockOf(0), order }).status).toEqual({
      name: "soldOut",
      canJoinWaitlist: true,
    });
    expect(initialBuyState({ phase: "live", signedIn: true, stock: stockOf(0), order: answer("NONE") }).status).toEqual(
      { name: "soldOut", canJoinWaitlist: false },
    );
  });

  it("lands on 'confirming your payment' when the provider sent the shopper back after paying", () => {
    const state = initialBuyState({
      phase: "live",
      signedIn: true,
      stock: stockOf(0),
      order: answer("HELD"),
      returnedFromPayment: "success",
    });
    expect(state.status).toMatchObject({ name: "held", step: { name: "processing" } });
  });

  it("takes the provider's return marker on a paid order as news, not a wait", () => {
    const state = initialBuyState({
      phase: "live",
      signedIn: true,
      stock: stockOf(0),
      order: answer("PAID"),
      returnedFromPayment: "success",
    });
    expect(state.status.name).toBe("paid");
  });
});

describe("BUY", () => {
  it("starts a reservation from ready", () => {
    expect(run(stateIn("ready"), { type: "BUY" }).status).toEqual({ name: "reserving" });
  });

  it("retries from an error while the sale is live", () => {
    expect(run(stateIn("failed"), { type: "BUY" }).status.name).toBe("reserving");
  });

  it.each(allNames.filter((name) => name !== "ready" && name !== "failed"))("is ignored while %s", (name) => {
    const state = stateIn(name);
    expect(buyFlowReducer(state, { type: "BUY" })).toBe(state);
    expect(canBuy(state)).toBe(false);
  });

  it("ignores a double click: the second BUY finds the flow already reserving", () => {
    const once = run(stateIn("ready"), { type: "BUY" });
    expect(buyFlowReducer(once, { type: "BUY" })).toBe(once);
  });

  it("does not retry from an error once the sale is no longer live", () => {
    expect(canBuy(stateIn("failed", { phase: "paused" }))).toBe(false);
  });
});

describe("RESERVED", () => {
  it("moves a reservation in flight to reserved, until its hold is read", () => {
    expect(run(stateIn("reserving"), { type: "RESERVED", reservationId: "rsv_2", alreadyHeld: false }).status).toEqual({
      name: "reserved",
      reservationId: "rsv_2",
      alreadyHeld: false,
    });
  });

  it("remembers that the unit was already the shopper's", () => {
    const state = run(stateIn("reserving"), { type: "RESERVED", reservationId: "rsv_3", alreadyHeld: true });
    expect(state.status).toMatchObject({ name: "reserved", alreadyHeld: true });
  });

  it.each(allNames.filter((name) => name !== "reserving"))("is ignored while %s", (name) => {
    const state = stateIn(name);
    expect(buyFlowReducer(state, { type: "RESERVED", reservationId: "rsv_x", alreadyHeld: false })).toBe(state);
  });
});

describe("REFUSED", () => {
  it.each([
    [{ reason: "SOLD_OUT" }, { name: "soldOut", canJoinWaitlist: false }],
    [{ reason: "PAUSED" }, { name: "paused" }],
    [{ reason: "ENDED" }, { name: "ended" }],
    [{ reason: "NOT_STARTED" }, { name: "notStarted" }],
    [
      { reason: "RATE_LIMITED", retryAfterSeconds: 7 },
      { name: "rateLimited", retryAt: NOW + 7_000 },
    ],
    [{ reason: "SIGNED_OUT" }, { name: "signedOut" }],
    [
      { reason: "ERROR", message: "Boom" },
      { name: "failed", message: "Boom" },
    ],
  ] as Array<[Refusal, BuyStatus]>)("%j while reserving → %j", (refusal, status) => {
    expect(run(stateIn("reserving"), refused(refusal)).status).toEqual(status);
  });

  it("waits at least a second when told to retry after zero seconds", () => {
    expect(run(stateIn("reserving"), refused({ reason: "RATE_LIMITED", retryAfterSeconds: 0 })).status).toEqual({
      name: "rateLimited",
      retryAt: NOW + 1_000,
    });
  });

  it("forgets the session on UNAUTHORIZED", () => {
    expect(run(stateIn("reserving"), refused({ reason: "SIGNED_OUT" })).signedIn).toBe(false);
  });

  it("offers the waitlist on a sold-out answer when the server last said it may", () => {
    const state = run(stateIn("reserving", { canJoinWaitlist: true }), refused({ reason: "SOLD_OUT" }));
    expect(state.status).toEqual({ name: "soldOut", canJoinWaitlist: true });
  });

  it.each(allNames.filter((name) => name !== "reserving"))("is ignored while %s", (name) => {
    const state = stateIn(name);
    expect(buyFlowReducer(state, refused({ reason: "SOLD_OUT" }))).toBe(state);
  });
});

describe("joining the waitlist", () => {
  const joinable = () =>
    stateIn("soldOut", { canJoinWaitlist: true, status: { name: "soldOut", canJoinWaitlist: true } });

  it("joins from sold out when the server allows it, once", () => {
    const joining = run(joinable(), { type: "JOIN_WAITLIST" });
    expect(joining.status).toEqual({ name: "joining" });
    expect(buyFlowReducer(joining, { type: "JOIN_WAITLIST" })).toBe(joining);
  });

  it.each(allNames.filter((name) => name !== "soldOut" && name !== "waitlistFailed"))("is ignored while %s", (name) => {
    const state = stateIn(name, { canJoinWaitlist: true });
    expect(buyFlowReducer(state, { type: "JOIN_WAITLIST" })).toBe(state);
    expect(canJoinWaitlist(state)).toBe(false);
  });

  it("is not offered without the server's word, signed out, or after the sale ended", () => {
    expect(canJoinWaitlist(stateIn("soldOut"))).toBe(false);
    expect(canJoinWaitlist({ ...joinable(), signedIn: false })).toBe(false);
    expect(canJoinWaitlist({ ...joinable(), phase: "ended" })).toBe(false);
  });

  it("shows the place in line the join answered", () => {
    const state = run(
      joinable(),
      { type: "JOIN_WAITLIST" },
      { type: "WAITLIST_JOINED", waitlist: { position: 7, waiting: 7 } },
    );
    expect(state.status).toEqual({ name: "waitlisted", position: 7, waiting: 7, chance: null });
    expect(state.canJoinWaitlist).toBe(false);
  });

  it("waits for the hold when a unit was free at that moment", () => {
    const joining = run(joinable(), { type: "JOIN_WAITLIST" });
    const answered = buyFlowReducer(joining, { type: "WAITLIST_JOINED", waitlist: null });
    expect(answered).toBe(joining);
    expect(run(answered, statusEvent(answer("HELD"))).status.name).toBe("held");
  });

  it("lets the status read win the race against the join's own answer", () => {
    const held = run(joinable(), { type: "JOIN_WAITLIST" }, statusEvent(answer("HELD")));
    expect(buyFlowReducer(held, { type: "WAITLIST_JOINED", waitlist: { position: 1, waiting: 1 } })).toBe(held);
  });

  it("keeps the reason on screen and drops the button when the waitlist is closed", () => {
    const state = run(
      joinable(),
      { type: "JOIN_WAITLIST" },
      waitlistRefused({ reason: "CLOSED", message: "No waitlist" }),
    );
    expect(state.status).toEqual({ name: "waitlistFailed", message: "No waitlist" });
    expect(canJoinWaitlist(state)).toBe(false);
  });

  it("offers a retry after a transient failure", () => {
    const state = run(joinable(), { type: "JOIN_WAITLIST" }, waitlistRefused({ reason: "ERROR", message: "Offline" }));
    expect(state.status).toEqual({ name: "waitlistFailed", message: "Offline" });
    expect(canJoinWaitlist(state)).toBe(true);
    expect(run(state, { type: "JOIN_WAITLIST" }).status.name).toBe("joining");
  });

  it("keeps a failed join on screen while the sale stays sold out, and lets go when units come back", () => {
    const failed = run(joinable(), { type: "JOIN_WAITLIST" }, waitlistRefused({ reason: "ERROR", message: "Offline" }));
    expect(run(failed, observed("live", stockOf(0, NOW + 1))).status.name).toBe("waitlistFailed");
    expect(run(failed, observed("live", stockOf(1, NOW + 2))).status.name).toBe("ready");
  });

  it("forgets the session when the join finds it gone", () => {
    const state = run(joinable(), { type: "JOIN_WAITLIST" }, waitlistRefused({ reason: "SIGNED_OUT" }));
    expect(state.signedIn).toBe(false);
    expect(state.status).toEqual({ name: "soldOut", canJoinWaitlist: false });
  });

  it("lets order.status tell which order a shopper who already has one holds", () => {
    const failed = run(
      joinable(),
      { type: "JOIN_WAITLIST" },
      waitlistRefused({ reason: "HAS_ORDER", message: "You already have an order." }),
    );
    expect(run(failed, statusEvent(answer("PAID"))).status.name).toBe("paid");
  });
});

describe("OBSERVED (clock ticks and live-sale reads)", () => {
  it("opens the button when the sale goes live, and only then", () => {
    const waiting = stateIn("notStarted");
    expect(run(waiting, observed("upcoming")).status.name).toBe("notStarted");
    expect(run(waiting, observed("live")).status.name).toBe("ready");
  });

  it("keeps a signed-out shopper on 'sign in' through the countdown", () => {
    const state = stateIn("signedOut", { phase: "upcoming" });
    expect(run(state, observed("live")).status.name).toBe("signedOut");
    expect(run(state, observed("live", stockOf(0, NOW + 1))).status.name).toBe("soldOut");
    expect(run(state, observed("ended")).status.name).toBe("ended");
  });

  it.each([
    ["paused", "paused"],
    ["ended", "ended"],
    ["upcoming", "notStarted"],
  ] as const)("moves ready to %s", (phase, expected) => {
    expect(run(stateIn("ready"), observed(phase)).status.name).toBe(expected);
  });

  it("reopens after a pause", () => {
    expect(run(stateIn("paused"), observed("live")).status.name).toBe("ready");
  });

  it("shows sold out when stock runs out, and reopens when units come back", () => {
    const sold = run(stateIn("ready"), observed("live", stockOf(0, NOW + 1)));
    expect(sold.status.name).toBe("soldOut");
    expect(run(sold, observed("live", stockOf(2, NOW + 2))).status.name).toBe("ready");
  });

  it.each([
    "reserving",
    "reserved",
    "held",
    "paid",
    "confirmed",
    "expired",
    "cancelled",
    "refunded",
    "refused",
    "joining",
    "waitlisted",
  ] as const)("never disturbs a purchase or a place in line that is %s", (name) => {
    const state = stateIn(name);
    for (const event of [observed("ended"), observed("live", stockOf(0, NOW + 1)), observed("paused")]) {
      expect(buyFlowReducer(state, event).status).toEqual(state.status);
    }
  });

  it("ignores a stock read older than the one it has", () => {
    const state = stateIn("ready", { stock: stockOf(3, NOW + 10) });
    const next = run(state, observed("live", stockOf(0, NOW + 5)));
    expect(next.stock).toEqual(stockOf(3, NOW + 10));
    expect(next.status.name).toBe("ready");
  });

  it("keeps the last stock when a tick carries none", () => {
    expect(run(stateIn("ready"), observed("live", null)).stock).toEqual(stockOf(5));
  });

  it("returns the same object when nothing changed, so React skips the render", () => {
    const state = stateIn("ready");
    expect(buyFlowReducer(state, observed("live", stockOf(5)))).toBe(state);
  });

  it("turns an error back into the resting status when the sale stops being live", () => {
    expect(run(stateIn("failed"), observed("live")).status.name).toBe("failed");
    expect(run(stateIn("failed"), observed("paused")).status.name).toBe("paused");
    expect(run(stateIn("failed"), observed("live", stockOf(0, NOW + 1))).status.name).toBe("soldOut");
  });
});

describe("rate limiting", () => {
  const limited = () => run(stateIn("reserving"), refused({ reason: "RATE_LIMITED", retryAfterSeconds: 3 }));

  it("holds the retry timer until retryAfterSeconds have passed on the server clock", () => {
    expect(run(limited(), observed("live", stockOf(5), NOW + 2_999)).status.name).toBe("rateLimited");
    expect(run(limited(), observed("live", stockOf(5), NOW + 3_000)).status.name).toBe("ready");
  });

  it("gives way to sold out and ended, which no retry can change", () => {
    expect(run(limited(), observed("live", stockOf(0, NOW + 1), NOW + 1)).status.name).toBe("soldOut");
    expect(run(limited(), observed("ended", stockOf(5), NOW + 1)).status.name).toBe("ended");
  });

  it("cannot be clicked through while counting down", () => {
    const state = limited();
    expect(buyFlowReducer(state, { type: "BUY" })).toBe(state);
  });
});

describe("server verdicts against stale reads", () => {
  it("stays paused when the page's view still says live, until a read after the refusal", () => {
    const paused = run(stateIn("reserving"), refused({ reason: "PAUSED" }, NOW + 100));
    expect(run(paused, observed("live", stockOf(5, NOW + 50))).status.name).toBe("paused");
    expect(run(paused, observed("live", stockOf(5, NOW + 200))).status.name).toBe("ready");
    expect(run(paused, observed("paused", stockOf(5, NOW + 200))).status.name).toBe("paused");
  });

  it("stays sold out against a cached read that still shows units", () => {
    const sold = run(stateIn("reserving"), refused({ reason: "SOLD_OUT" }, NOW + 100));
    expect(run(sold, observed("live", stockOf(4, NOW + 99))).status.name).toBe("soldOut");
    expect(run(sold, observed("live", stockOf(0, NOW + 300))).status.name).toBe("soldOut");
    expect(run(sold, observed("live", stockOf(1, NOW + 300))).status.name).toBe("ready");
  });

  it("stays ended against a stale live view", () => {
    const ended = run(stateIn("reserving"), refused({ reason: "ENDED" }, NOW + 100));
    expect(run(ended, observed("live", stockOf(5, NOW + 10))).status.name).toBe("ended");
  });

  it("lets the sale's end outrank a pause verdict", () => {
    const paused = run(stateIn("reserving"), refused({ reason: "PAUSED" }, NOW + 100));
    expect(run(paused, observed("ended", stockOf(5, NOW + 10))).status.name).toBe("ended");
  });

  it("reopens after NOT_STARTED on the next tick that finds the sale live", () => {
    const early = run(stateIn("reserving"), refused({ reason: "NOT_STARTED" }));
    expect(early.status.name).toBe("notStarted");
    expect(run(early, observed("live")).status.name).toBe("ready");
  });
});

describe("a whole purchase", () => {
  it("walks from the countdown through the hold and the payment to a paid order", () => {
    const trail: string[] = [];
    let state = initialBuyState({ phase: "upcoming", signedIn: true, stock: stockOf(10), order: null });
    const step = (event: BuyEvent) => {
      state = buyFlowReducer(state, event);
      trail.push(state.status.name === "held" ? `held:${state.status.step.name}` : state.status.name);
    };
    step({ type: "BUY" });
    step(observed("live"));
    step({ type: "BUY" });
    step({ type: "BUY" });
    step({ type: "RESERVED", reservationId: "rsv_a", alreadyHeld: false });
    step(statusEvent(answer("NONE", { serverNow: NOW - 10 })));
    step(statusEvent(answer("HELD", { serverNow: NOW + 100 })));
    step(observed("live", stockOf(0, NOW + 150)));
    step({ type: "PAY" });
    step({ type: "PAY" });
    step({ type: "PAYMENT_RETURNED", how: "success" });
    step(statusEvent(answer("HELD", { serverNow: NOW + 30_000 })));
    step(statusEvent(answer("PAID", { serverNow: NOW + 32_000 })));
    step(statusEvent(answer("HELD", { serverNow: NOW + 31_000 })));
    step(observed("ended"));
    expect(trail).toEqual([
      "notStarted",
      "ready",
      "reserving",
      "reserving",
      "reserved",
      "reserved",
      "held:idle",
      "held:idle",
      "held:opening",
      "held:opening",
      "held:processing",
      "held:processing",
      "paid",
      "paid",
      "paid",
    ]);
    expect(state.status).toEqual({ name: "paid", hold: holdOf(), alreadyHeld: false });
  });

  it("walks a waitlisted shopper from sold out to an offer they pay", () => {
    let state = initialBuyState({
      phase: "live",
      signedIn: true,
      stock: stockOf(0),
      order: answer("NONE", { canJoinWaitlist: true }),
    });
    const offer = holdOf({ kind: "OFFER", reservedAt: NOW + 60_000, expiresAt: NOW + 360_000 });
    state = run(
      state,
      { type: "JOIN_WAITLIST" },
      { type: "WAITLIST_JOINED", waitlist: { position: 2, waiting: 2 } },
      statusEvent(
        answer("WAITLISTED", { serverNow: NOW + 2_000, waitlist: { position: 1, waiting: 1, chance: "LIKELY" } }),
      ),
    );
    expect(state.status).toEqual({ name: "waitlisted", position: 1, waiting: 1, chance: "LIKELY" });
    state = run(state, statusEvent(answer("HELD", { serverNow: NOW + 60_500, hold: offer })));
    expect(state.status).toEqual({ name: "held", hold: offer, step: { name: "idle" } });
    state = run(state, { type: "PAY" }, { type: "PAYMENT_RETURNED", how: "success" });
    state = run(state, statusEvent(answer("PAID", { serverNow: NOW + 90_000, hold: offer })));
    expect(state.status).toEqual({ name: "paid", hold: offer, alreadyHeld: false });
  });
});
