// The buy button's state machine, as a pure reducer. The page feeds it what it observes (server
// time, sale phase, live stock, the shopper's order) and what the shopper does (buy) and hears
// back (reserved, refused); every status the button can show is one case of `BuyStatus`.
// Anything that does not fit the current status is ignored, which is what makes a double click,
// a late poll or a stale stock read harmless.
import type { StorefrontPhase } from "~/lib/sale";

/** The sale's phase as the button sees it (sold out is told by the stock). */
export type BuyPhase = StorefrontPhase;

export type BuyStatus =
  | { name: "signedOut" }
  | { name: "notStarted" }
  | { name: "ready" }
  | { name: "reserving" }
  | { name: "confirming"; reservationId: string; alreadyHeld: boolean }
  | { name: "confirmed"; orderId: string; alreadyHeld: boolean }
  /** Redis granted a unit, but Postgres found every unit taken (only ever after Redis lost state). */
  | { name: "refused"; orderId: string }
  | { name: "soldOut" }
  | { name: "paused" }
  | { name: "ended" }
  | { name: "rateLimited"; retryAt: number }
  | { name: "failed"; message: string };

export type BuyStatusName = BuyStatus["name"];

/** Why the server turned a reservation down (see classifyReserveError). */
export type Refusal =
  | { reason: "SOLD_OUT" }
  | { reason: "NOT_STARTED" }
  | { reason: "PAUSED" }
  | { reason: "ENDED" }
  | { reason: "RATE_LIMITED"; retryAfterSeconds: number }
  | { reason: "SIGNED_OUT" }
  | { reason: "ERROR"; message: string };

/** What `order.status` says about this shopper and sale. */
export type OrderObservation =
  | { status: "NONE" }
  | { status: "PENDING"; reservationId: string }
  | { status: "CONFIRMED"; orderId: string }
  | { status: "REFUSED"; orderId: string };

/** A server verdict (paused, ended, sold out) that a stock read taken before it must not undo. */
interface Verdict {
  name: "soldOut" | "paused" | "ended";
  at: number;
}

export interface BuyState {
  status: BuyStatus;
  phase: BuyPhase;
  signedIn: boolean;
  /** Latest live stock and the server time it was read at; null until known. */
  stock: { left: number; readAt: number } | null;
  verdict: Verdict | null;
}

export type BuyEvent =
  /** Every clock tick and every live-sale read: server time, phase, and the newest stock read. */
  | { type: "OBSERVED"; now: number; phase: BuyPhase; stock: { left: number; readAt: number } | null }
  | { type: "ORDER_STATUS"; order: OrderObservation }
  | { type: "BUY" }
  | { type: "RESERVED"; reservationId: string; alreadyHeld: boolean }
  /** `at` is the server time the answer arrived. */
  | { type: "REFUSED"; refusal: Refusal; at: number };

/** Statuses where a purchase is under way or done: only order news moves them. */
const HOLDING: ReadonlySet<BuyStatusName> = new Set(["reserving", "confirming", "confirmed", "refused"]);

/** What the button shows when nothing is going on: derived from phase, stock and sign-in. */
export function restingStatus(state: Pick<BuyState, "phase" | "signedIn" | "stock">): BuyStatus {
  if (state.phase === "ended") return { name: "ended" };
  if (state.stock?.left === 0) return { name: "soldOut" };
  if (!state.signedIn) return { name: "signedOut" };
  if (state.phase === "upcoming") return { name: "notStarted" };
  if (state.phase === "paused") return { name: "paused" };
  return { name: "ready" };
}

function settle(state: BuyState, now: number): BuyState {
  const { status, verdict } = state;
  if (HOLDING.has(status.name)) return state;
  const resting = restingStatus(state);
  // Ended and sold out outrank a retry timer or an error: there is nothing left to retry.
  const final = resting.name === "ended" || resting.name === "soldOut";
  if (status.name === "rateLimited" && now < status.retryAt && !final) return state;
  if (verdict && !(resting.name === "ended" && verdict.name !== "ended"))
    return withStatus(state, { name: verdict.name });
  if (status.name === "failed" && resting.name === "ready") return state;
  return withStatus(state, resting);
}

function withStatus(state: BuyState, status: BuyStatus): BuyState {
  return sameStatus(state.status, status) ? state : { ...state, status };
}

function sameStatus(a: BuyStatus, b: BuyStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function observe(state: BuyState, event: Extract<BuyEvent, { type: "OBSERVED" }>): BuyState {
  // A stock read never goes back in time: polls can answer out of order.
  const stock = event.stock && (!state.stock || event.stock.readAt > state.stock.readAt) ? event.stock : state.stock;
  // A verdict holds until the server has been read again after it.
  const verdict = state.verdict && stock && stock.readAt > state.verdict.at ? null : state.verdict;
  const changed = stock !== state.stock || verdict !== state.verdict || event.phase !== state.phase;
  const next = changed ? { ...state, stock, verdict, phase: event.phase } : state;
  return settle(next, event.now);
}

function orderStatus(state: BuyState, order: OrderObservation): BuyState {
  const { status } = state;
  // The mutation's own answer decides while it is in flight.
  if (status.name === "reserving" || order.status === "NONE") return state;
  if (order.status === "REFUSED") return withStatus(state, { name: "refused", orderId: order.orderId });
  if (order.status === "CONFIRMED") {
    const alreadyHeld = status.name === "confirming" || status.name === "confirmed" ? status.alreadyHeld : true;
    return withStatus(state, { name: "confirmed", orderId: order.orderId, alreadyHeld });
  }
  if (status.name === "confirmed" || status.name === "confirming" || status.name === "refused") return state;
  return withStatus(state, { name: "confirming", reservationId: order.reservationId, alreadyHeld: true });
}

function refused(state: BuyState, refusal: Refusal, at: number): BuyState {
  switch (refusal.reason) {
    case "SOLD_OUT":
      return { ...state, status: { name: "soldOut" }, verdict: { name: "soldOut", at } };
    case "PAUSED":
      return { ...state, status: { name: "paused" }, verdict: { name: "paused", at } };
    case "ENDED":
      return { ...state, status: { name: "ended" }, verdict: { name: "ended", at } };
    case "NOT_STARTED":
      // Our clock ran a hair early; the next tick reopens the button.
      return { ...state, status: { name: "notStarted" } };
    case "RATE_LIMITED":
      return { ...state, status: { name: "rateLimited", retryAt: at + Math.max(1, refusal.retryAfterSeconds) * 1000 } };
    case "SIGNED_OUT":
      return { ...state, signedIn: false, status: { name: "signedOut" } };
    case "ERROR":
      return { ...state, status: { name: "failed", message: refusal.message } };
  }
}

export function buyFlowReducer(state: BuyState, event: BuyEvent): BuyState {
  switch (event.type) {
    case "OBSERVED":
      return observe(state, event);
    case "ORDER_STATUS":
      return orderStatus(state, event.order);
    case "BUY":
      return canBuy(state) ? { ...state, status: { name: "reserving" } } : state;
    case "RESERVED":
      if (state.status.name !== "reserving") return state;
      return {
        ...state,
        status: { name: "confirming", reservationId: event.reservationId, alreadyHeld: event.alreadyHeld },
      };
    case "REFUSED":
      return state.status.name === "reserving" ? refused(state, event.refusal, event.at) : state;
  }
}

/** Whether a click on the button starts a reservation now (ready, or retry after an error). */
export function canBuy(state: BuyState): boolean {
  return state.status.name === "ready" || (state.status.name === "failed" && state.phase === "live" && state.signedIn);
}

export interface InitialBuyInput {
  phase: BuyPhase;
  signedIn: boolean;
  stock: { left: number; readAt: number } | null;
  order: OrderObservation | null;
}

/** The state a page starts in, from what the server rendered (so a refresh lands mid-flow). */
export function initialBuyState({ phase, signedIn, stock, order }: InitialBuyInput): BuyState {
  const base: BuyState = { phase, signedIn, stock, verdict: null, status: { name: "signedOut" } };
  const rested = { ...base, status: restingStatus(base) };
  return order ? orderStatus(rested, order) : rested;
}
