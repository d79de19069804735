import { describe, expect, it } from "vitest";
import {
  buyFlowReducer,
  canBuy,
  initialBuyState,
  type BuyEvent,
  type BuyPhase,
  type BuyState,
  type BuyStatus,
  type BuyStatusName,
  type Refusal,
} from "./buy-flow";

const NOW = 1_800_000_000_000;
const stockOf = (left: number, readAt = NOW) => ({ left, readAt });

const statuses: Record<BuyStatusName, BuyStatus> = {
  signedOut: { name: "signedOut" },
  notStarted: { name: "notStarted" },
  ready: { name: "ready" },
  reserving: { name: "reserving" },
  confirming: { name: "confirming", reservationId: "rsv_1", alreadyHeld: false },
  confirmed: { name: "confirmed", orderId: "ord_1", alreadyHeld: false },
  refused: { name: "refused", orderId: "ord_2" },
  soldOut: { name: "soldOut" },
  paused: { name: "paused" },
  ended: { name: "ended" },
  rateLimited: { name: "rateLimited", retryAt: NOW + 5_000 },
  failed: { name: "failed", message: "Network down" },
};
const allNames = Object.keys(statuses) as BuyStatusName[];

/** A signed-in shopper on a live sale with stock, in the given status. */
function stateIn(name: BuyStatusName, overrides: Partial<BuyState> = {}): BuyState {
  const phase: BuyPhase =
    name === "notStarted" ? "upcoming" : name === "paused" ? "paused" : name === "ended" ? "ended" : "live";
  return {
    status: statuses[name],
    phase,
    signedIn: name !== "signedOut",
    stock: stockOf(name === "soldOut" ? 0 : 5),
    verdict: null,
    ...overrides,
  };
}

const observed = (
  phase: BuyPhase,
  stock: { left: number; readAt: number } | null = stockOf(5),
  now = NOW,
): BuyEvent => ({
  type: "OBSERVED",
  now,
  phase,
  stock,
});
const refused = (refusal: Refusal, at = NOW): BuyEvent => ({ type: "REFUSED", refusal, at });
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

  it("comes back confirming after a refresh while the order is still on its way", () => {
    const state = initialBuyState({
      phase: "live",
      signedIn: true,
      stock: stockOf(0),
      order: { status: "PENDING", reservationId: "rsv_9" },
    });
    expect(state.status).toEqual({ name: "confirming", reservationId: "rsv_9", alreadyHeld: true });
  });

  it("shows a confirmed order even after the sale ended", () => {
    const state = initialBuyState({
      phase: "ended",
      signedIn: true,
      stock: stockOf(0),
      order: { status: "CONFIRMED", orderId: "ord_7" },
    });
    expect(state.status).toEqual({ name: "confirmed", orderId: "ord_7", alreadyHeld: true });
  });

  it("rests normally when the shopper has no order", () => {
    expect(initialBuyState({ phase: "live", signedIn: true, stock: null, order: { status: "NONE" } }).status.name).toBe(
      "ready",
    );
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
  it("moves a reservation in flight to confirming", () => {
    expect(run(stateIn("reserving"), { type: "RESERVED", reservationId: "rsv_2", alreadyHeld: false }).status).toEqual({
      name: "confirming",
      reservationId: "rsv_2",
      alreadyHeld: false,
    });
  });

  it("remembers that the unit was already the shopper's", () => {
    const state = run(stateIn("reserving"), { type: "RESERVED", reservationId: "rsv_3", alreadyHeld: true });
    expect(state.status).toMatchObject({ name: "confirming", alreadyHeld: true });
  });

  it.each(allNames.filter((name) => name !== "reserving"))("is ignored while %s", (name) => {
    const state = stateIn(name);
    expect(buyFlowReducer(state, { type: "RESERVED", reservationId: "rsv_x", alreadyHeld: false })).toBe(state);
  });
});

describe("REFUSED", () => {
  it.each([
    [{ reason: "SOLD_OUT" }, { name: "soldOut" }],
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

  it.each(allNames.filter((name) => name !== "reserving"))("is ignored while %s", (name) => {
    const state = stateIn(name);
    expect(buyFlowReducer(state, refused({ reason: "SOLD_OUT" }))).toBe(state);
  });
});

describe("ORDER_STATUS", () => {
  it("confirms a pending reservation, keeping whether it was already held", () => {
    const fresh = run(stateIn("confirming"), {
      type: "ORDER_STATUS",
      order: { status: "CONFIRMED", orderId: "ord_5" },
    });
    expect(fresh.status).toEqual({ name: "confirmed", orderId: "ord_5", alreadyHeld: false });
    const repeat = run(
      stateIn("confirming", { status: { name: "confirming", reservationId: "rsv_held", alreadyHeld: true } }),
      {
        type: "ORDER_STATUS",
        order: { status: "CONFIRMED", orderId: "ord_6" },
      },
    );
    expect(repeat.status).toEqual({ name: "confirmed", orderId: "ord_6", alreadyHeld: true });
  });

  it.each(["signedOut", "notStarted", "ready", "soldOut", "paused", "ended", "rateLimited", "failed"] as const)(
    "shows an order bought elsewhere (another tab) while %s as already bought",
    (name) => {
      const confirmed = run(stateIn(name), { type: "ORDER_STATUS", order: { status: "CONFIRMED", orderId: "ord_8" } });
      expect(confirmed.status).toEqual({ name: "confirmed", orderId: "ord_8", alreadyHeld: true });
      const pending = run(stateIn(name), {
        type: "ORDER_STATUS",
        order: { status: "PENDING", reservationId: "rsv_8" },
      });
      expect(pending.status).toEqual({ name: "confirming", reservationId: "rsv_8", alreadyHeld: true });
    },
  );

  it("lets the mutation's answer decide while reserving", () => {
    const state = stateIn("reserving");
    expect(buyFlowReducer(state, { type: "ORDER_STATUS", order: { status: "CONFIRMED", orderId: "ord_1" } })).toBe(
      state,
    );
  });

  it("ignores a stale PENDING poll after the order is confirmed, and a repeat of the same confirmation", () => {
    const state = stateIn("confirmed");
    expect(buyFlowReducer(state, { type: "ORDER_STATUS", order: { status: "PENDING", reservationId: "rsv_1" } })).toBe(
      state,
    );
    expect(buyFlowReducer(state, { type: "ORDER_STATUS", order: { status: "CONFIRMED", orderId: "ord_1" } })).toBe(
      state,
    );
  });

  it("keeps confirming on a repeated PENDING", () => {
    const state = stateIn("confirming");
    expect(buyFlowReducer(state, { type: "ORDER_STATUS", order: { status: "PENDING", reservationId: "rsv_1" } })).toBe(
      state,
    );
  });

  it.each(allNames)("ignores NONE while %s", (name) => {
    const state = stateIn(name);
    expect(buyFlowReducer(state, { type: "ORDER_STATUS", order: { status: "NONE" } })).toBe(state);
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

  it.each(["reserving", "confirming", "confirmed"] as const)("never disturbs a purchase that is %s", (name) => {
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
  it("walks sign-in-free from countdown to confirmed order", () => {
    const trail: string[] = [];
    let state = initialBuyState({ phase: "upcoming", signedIn: true, stock: stockOf(10), order: null });
    const step = (event: BuyEvent) => {
      state = buyFlowReducer(state, event);
      trail.push(state.status.name);
    };
    step({ type: "BUY" });
    step(observed("live"));
    step({ type: "BUY" });
    step({ type: "BUY" });
    step({ type: "RESERVED", reservationId: "rsv_a", alreadyHeld: false });
    step(observed("live", stockOf(0, NOW + 5)));
    step({ type: "ORDER_STATUS", order: { status: "PENDING", reservationId: "rsv_a" } });
    step({ type: "ORDER_STATUS", order: { status: "CONFIRMED", orderId: "ord_a" } });
    step(observed("ended"));
    expect(trail).toEqual([
      "notStarted",
      "ready",
      "reserving",
      "reserving",
      "confirming",
      "confirming",
      "confirming",
      "confirmed",
      "confirmed",
    ]);
    expect(state.status).toEqual({ name: "confirmed", orderId: "ord_a", alreadyHeld: false });
  });
});
