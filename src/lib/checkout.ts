// The checkout's vocabulary, defined once for browser and server: where a shopper stands in a sale
// (the answer of `order.status`, polled by the sale page), the order number a shopper sees, and the
// words for each order state. Pure and framework-free.
import type { Chance, DrawView, LobbyView } from "./fair-draw";

/** Where a shopper stands in one sale. */
export const SHOPPER_STATES = [
  /** Nothing yet: may buy (or join the waitlist once every unit is taken). */
  "NONE",
  /** A unit is kept for them until `hold.expiresAt`; they pay (or let it go). */
  "HELD",
  /** Paid: the unit is theirs. */
  "PAID",
  /** A free claim (price 0), or an order from before checkout existed: the unit is theirs. */
  "CONFIRMED",
  /** The hold lapsed unpaid; the unit went to the next shopper. */
  "EXPIRED",
  /** They let the hold go. */
  "CANCELLED",
  /** A payment arrived after the hold was gone; the money went back. */
  "REFUNDED",
  /** Queued for a released unit, at `waitlist.position` (after a fair draw: in drawn order). */
  "WAITLISTED",
  /** In a fair-draw sale's lobby, waiting for the draw at `lobby.drawAt`. */
  "IN_LOBBY",
  /** Redis acknowledged a unit Postgres could not honour (only after a data loss); nothing charged. */
  "REFUSED",
] as const;
export type ShopperState = (typeof SHOPPER_STATES)[number];

export type HoldKind = "RESERVATION" | "OFFER";

export interface HoldView {
  reservationId: string;
  /** What the shopper quotes: see orderNumberOf. */
  orderNumber: string;
  /** RESERVATION: they won it; OFFER: it came to them from the waitlist (a shorter window). */
  kind: HoldKind;
  reservedAt: number;
  /** Epoch ms; meaningful while HELD (a countdown against `serverNow`). Null without a payment step. */
  expiresAt: number | null;
  amountMinor: number;
  currency: string;
  /** A payment page was opened for this hold (the shopper may be paying right now). */
  paymentStarted: boolean;
  /** The provider's last word on a failed attempt at paying this hold, if any. */
  declined: string | null;
}

export interface ShopperSaleStatus {
  saleId: string;
  state: ShopperState;
  /** The server's clock when this was answered (epoch ms), so countdowns need no trusted client clock. */
  serverNow: number;
  /** Present for every state that has an order: HELD, PAID, CONFIRMED, EXPIRED, CANCELLED, REFUNDED, REFUSED. */
  hold: HoldView | null;
  /**
   * Present while WAITLISTED: 1 is next in line; `waiting` counts everyone in the queue; `chance`
   * is the plain estimate of a released unit reaching them (see ~/lib/fair-draw).
   */
  waitlist: { position: number; waiting: number; chance: Chance } | null;
  /** A fair-draw sale until its draw (lobby open or about to open); null otherwise. */
  lobby: LobbyView | null;
  /** A fair-draw sale after its draw; null otherwise. */
  draw: DrawView | null;
  /** Whether this shopper could join the waitlist now (sale sold out, switch on, not in it yet). */
  canJoinWaitlist: boolean;
}

/**
 * The order number a shopper sees and quotes to support: derived from the reservation, so it exists
 * from the moment the unit is taken (before the order reaches the database) and never changes.
 */
export function orderNumberOf(reservationId: string): string {
  const hex = reservationId.replace(/^rsv_/, "").slice(0, 10).toUpperCase();
  return `SP-${hex.slice(0, 5)}-${hex.slice(5, 10)}`;
}

/** The shortest part of an order number a search matches on: its first group, as shoppers read it. */
export const ORDER_NUMBER_SEARCH_MIN = 5;

/**
 * An order number as a shopper might type it ("SP-1A2B3-C4D5E", "sp 1a2b3c4d5e", "1A2B3-C4D5E", or
 * just its first group "1a2b3") as the reservation-id prefix it stands for ("rsv_1a2b3c4d5e"), or
 * null when the text cannot be one. The inverse of orderNumberOf, kept beside it.
 */
export function reservationPrefixOf(typed: string): string | null {
  const compact = typed
    .replace(/[\s#\-–—]/g, "")
    .toUpperCase()
    .replace(/^SP/, "");
  if (!/^[0-9A-F]+$/.test(compact)) return null;
  if (compact.length < ORDER_NUMBER_SEARCH_MIN || compact.length > 10) return null;
  return `rsv_${compact.toLowerCase()}`;
}

/**
 * Order statuses that keep a unit for their shopper: awaiting payment, paid, or confirmed without
 * a payment step (PENDING: orders from before checkout). Expired, cancelled, refunded and refused
 * orders keep none. Postgres's capacity guard (Sale.soldCount) counts exactly these.
 */
export const UNIT_HOLDING_STATUSES = ["HELD", "PAID", "CONFIRMED", "PENDING"] as const;

/** The words for an order's stored status, as shoppers and admins read them. */
export const ORDER_STATUS_LABELS = {
  HELD: "Awaiting payment",
  PAID: "Paid",
  CONFIRMED: "Confirmed",
  PENDING: "Confirmed",
  EXPIRED: "Expired",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
  REFUSED_OVERSOLD: "Refused — no unit left",
} as const;
export type OrderStatusName = keyof typeof ORDER_STATUS_LABELS;
