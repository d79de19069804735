// Builders for the buy-flow tests: statuses, states and `order.status` answers with sensible
// defaults, so each test spells out only what it is about.
import { orderNumberOf, type HoldView, type ShopperSaleStatus } from "~/lib/checkout";
import type { BuyEvent, BuyPhase, BuyState, BuyStatus, BuyStatusName } from "./buy-flow";

export const NOW = 1_800_000_000_000;
export const HOLD_MS = 600_000;

export const stockOf = (left: number, readAt = NOW) => ({ left, readAt });

export function holdOf(overrides: Partial<HoldView> = {}): HoldView {
  const reservationId = overrides.reservationId ?? "rsv_0a1b2c3d4e5f";
  return {
    reservationId,
    orderNumber: orderNumberOf(reservationId),
    kind: "RESERVATION",
    reservedAt: NOW,
    expiresAt: NOW + HOLD_MS,
    amountMinor: 4_200,
    currency: "USD",
    paymentStarted: false,
    declined: null,
    ...overrides,
  };
}

/** An `order.status` answer; a hold is added for every state that has an order. */
export function answer(
  state: ShopperSaleStatus["state"],
  overrides: Partial<ShopperSaleStatus> = {},
): ShopperSaleStatus {
  const hasOrder = state !== "NONE" && state !== "WAITLISTED";
  return {
    saleId: "sale_1",
    state,
    serverNow: NOW,
    hold: hasOrder ? holdOf() : null,
    waitlist: state === "WAITLISTED" ? { position: 3, waiting: 41 } : null,
    canJoinWaitlist: false,
    ...overrides,
  };
}

export const statuses: Record<BuyStatusName, BuyStatus> = {
  signedOut: { name: "signedOut" },
  notStarted: { name: "notStarted" },
  ready: { name: "ready" },
  reserving: { name: "reserving" },
  reserved: { name: "reserved", reservationId: "rsv_0a1b2c3d4e5f", alreadyHeld: false },
  held: { name: "held", hold: holdOf(), step: { name: "idle" } },
  paid: { name: "paid", hold: holdOf(), alreadyHeld: false },
  confirmed: { name: "confirmed", hold: holdOf({ amountMinor: 0, expiresAt: null }), alreadyHeld: false },
  expired: { name: "expired", hold: holdOf(), paymentPending: false },
  cancelled: { name: "cancelled", hold: holdOf(), paymentPending: false },
  refunded: { name: "refunded", hold: holdOf() },
  refused: { name: "refused", hold: holdOf() },
  soldOut: { name: "soldOut", canJoinWaitlist: false },
  joining: { name: "joining" },
  waitlisted: { name: "waitlisted", position: 3, waiting: 41 },
  waitlistFailed: { name: "waitlistFailed", message: "Nope" },
  paused: { name: "paused" },
  ended: { name: "ended" },
  rateLimited: { name: "rateLimited", retryAt: NOW + 5_000 },
  failed: { name: "failed", message: "Network down" },
};
export const allNames = Object.keys(statuses) as BuyStatusName[];

/** A signed-in shopper on a live sale with stock (none when sold out), in the given status. */
export function stateIn(name: BuyStatusName, overrides: Partial<BuyState> = {}): BuyState {
  const phase: BuyPhase =
    name === "notStarted" ? "upcoming" : name === "paused" ? "paused" : name === "ended" ? "ended" : "live";
  const soldOut = name === "soldOut" || name === "joining" || name === "waitlisted" || name === "waitlistFailed";
  return {
    status: statuses[name],
    phase,
    signedIn: name !== "signedOut",
    stock: stockOf(soldOut ? 0 : 5),
    verdict: null,
    statusAt: null,
    canJoinWaitlist: false,
    ...overrides,
  };
}

export const observed = (
  phase: BuyPhase,
  stock: { left: number; readAt: number } | null = stockOf(5),
  now = NOW,
): BuyEvent => ({ type: "OBSERVED", now, phase, stock });

export const statusEvent = (status: ShopperSaleStatus): BuyEvent => ({ type: "ORDER_STATUS", status });
