// Builders for the buy-flow tests: statuses, states and `order.status` answers with sensible
// defaults, so each test spells out only what it is about.
import { orderNumberOf, type HoldView, type ShopperSaleStatus } from "~/lib/checkout";
import type { DrawView, LobbyView } from "~/lib/fair-draw";
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

export const DRAW_AT = NOW + 60_000;

export function lobbyOf(overrides: Partial<LobbyView> = {}): LobbyView {
  return {
    opensAt: DRAW_AT - 600_000,
    drawAt: DRAW_AT,
    entrants: 312,
    units: 100,
    entered: false,
    entryToken: null,
    commitment: "c0ffee".repeat(10) + "abcd",
    ...overrides,
  };
}

export function drawOf(overrides: Partial<DrawView> = {}): DrawView {
  return {
    drawnAt: DRAW_AT,
    entrants: 312,
    units: 100,
    position: 137,
    entryToken: "5eed".repeat(10),
    commitment: "c0ffee".repeat(10) + "abcd",
    seed: null,
    ...overrides,
  };
}

/** An `order.status` answer; a hold is added for every state that has an order. */
export function answer(
  state: ShopperSaleStatus["state"],
  overrides: Partial<ShopperSaleStatus> = {},
): ShopperSaleStatus {
  const hasOrder = state !== "NONE" && state !== "WAITLISTED" && state !== "IN_LOBBY";
  return {
    saleId: "sale_1",
    state,
    serverNow: NOW,
    hold: hasOrder ? holdOf() : null,
    waitlist: state === "WAITLISTED" ? { position: 3, waiting: 41, chance: "POSSIBLE" } : null,
    lobby: state === "IN_LOBBY" ? lobbyOf({ entered: true, entryToken: "5eed".repeat(10) }) : null,
    draw: null,
    canJoinWaitlist: false,
    ...overrides,
  };
}

export const statuses: Record<BuyStatusName, BuyStatus> = {
  signedOut: { name: "signedOut" },
  notStarted: { name: "notStarted" },
  lobbyOpen: { name: "lobbyOpen" },
  entryLost: { name: "entryLost" },
  proving: { name: "proving", action: "enter" },
  entering: { name: "entering" },
  inLobby: { name: "inLobby" },
  challengeFailed: {
    name: "challengeFailed",
    action: "enter",
    problem: "CHALLENGE_REPLAYED",
    message: "That security check was already used once.",
  },
  admissionRefused: { name: "admissionRefused", limit: "BLOCK_LIMIT", message: "Too many from your network." },
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
  waitlisted: { name: "waitlisted", position: 3, waiting: 41, chance: "POSSIBLE" },
  waitlistFailed: { name: "waitlistFailed", message: "Nope" },
  paused: { name: "paused" },
  ended: { name: "ended" },
  rateLimited: { name: "rateLimited", retryAt: NOW + 5_000 },
  failed: { name: "failed", message: "Network down" },
};
export const allNames = Object.keys(statuses) as BuyStatusName[];

/** Statuses that belong to a fair draw's lobby, before its start. */
const LOBBY_NAMES: ReadonlySet<BuyStatusName> = new Set([
  "lobbyOpen",
  "entryLost",
  "proving",
  "entering",
  "inLobby",
  "challengeFailed",
  "admissionRefused",
]);

/**
 * A signed-in shopper on a live sale with stock (none when sold out), in the given status; the
 * lobby's statuses on a fair-draw sale whose lobby is open.
 */
export function stateIn(name: BuyStatusName, overrides: Partial<BuyState> = {}): BuyState {
  const phase: BuyPhase = LOBBY_NAMES.has(name)
    ? "lobby"
    : name === "notStarted"
      ? "upcoming"
      : name === "paused"
        ? "paused"
        : name === "ended"
          ? "ended"
          : "live";
  const soldOut = name === "soldOut" || name === "joining" || name === "waitlisted" || name === "waitlistFailed";
  return {
    status: statuses[name],
    phase,
    signedIn: name !== "signedOut",
    stock: stockOf(soldOut ? 0 : 5),
    verdict: null,
    statusAt: null,
    canJoinWaitlist: false,
    challengeRequired: false,
    lobby: LOBBY_NAMES.has(name) ? lobbyOf({ entered: name === "inLobby" }) : null,
    draw: null,
    proofMs: null,
    ...overrides,
  };
}

export const observed = (
  phase: BuyPhase,
  stock: { left: number; readAt: number } | null = stockOf(5),
  now = NOW,
): BuyEvent => ({ type: "OBSERVED", now, phase, stock });

export const statusEvent = (status: ShopperSaleStatus): BuyEvent => ({ type: "ORDER_STATUS", status });
