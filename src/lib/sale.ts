// The sale's vocabulary, defined once: its stored states, the id schema every boundary checks, and
// the phase a person sees. Storefront, admin, Redis wrappers and scripts import these; nobody
// redeclares them. Pure and framework-free, so it runs in the browser as well as on the server.
import { z } from "zod";
import type { OpeningMode } from "./fair-draw";

export const SALE_STATES = ["DRAFT", "PUBLISHED", "PAUSED", "ENDED", "ARCHIVED"] as const;
export const saleStateSchema = z.enum(SALE_STATES);
export type SaleState = z.infer<typeof saleStateSchema>;

/** States the storefront shows, and the only ones whose sale has hot state in Redis. */
export const STOREFRONT_STATES = ["PUBLISHED", "PAUSED", "ENDED"] as const satisfies readonly SaleState[];
export const storefrontStateSchema = z.enum(STOREFRONT_STATES);
export type StorefrontState = z.infer<typeof storefrontStateSchema>;

export function isStorefrontState(state: SaleState): state is StorefrontState {
  return (STOREFRONT_STATES as readonly SaleState[]).includes(state);
}

// C0 controls (NUL included), DEL and C1 controls: Postgres refuses 0x00 in text, and none of them
// belongs in an id a person or a link could carry.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** An id as it arrives from outside (tRPC input, URL segment, message body). */
export function idSchema(name: string) {
  return z
    .string({ error: `${name} must be a string` })
    .min(1, `${name} is required`)
    .max(64, `${name} is at most 64 characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${name} must not contain control characters`);
}

export const saleIdSchema = idSchema("saleId");

/**
 * Where a sale stands for the people looking at it, from its stored state, the clock and — when
 * known — the units left. `stockLeft` is null when no live figure is at hand (drafts, Redis lost
 * it, or a caller that does not care about sold out): a running sale then reads as live.
 */
export const SALE_PHASES = ["draft", "upcoming", "live", "sold_out", "paused", "ended", "archived"] as const;
export type SalePhase = (typeof SALE_PHASES)[number];

export interface TimedSale {
  state: SaleState;
  startsAt: Date;
  endsAt: Date;
}

export function salePhase(sale: TimedSale, now: Date = new Date(), stockLeft: number | null = null): SalePhase {
  switch (sale.state) {
    case "DRAFT":
      return "draft";
    case "ARCHIVED":
      return "archived";
    case "ENDED":
      return "ended";
    case "PAUSED":
      return now >= sale.endsAt ? "ended" : "paused";
    case "PUBLISHED":
      if (now < sale.startsAt) return "upcoming";
      if (now >= sale.endsAt) return "ended";
      return stockLeft === 0 ? "sold_out" : "live";
  }
}

/**
 * The phases a shopper's page works from. Sold out is told by the stock, not the phase; a draft or
 * archived sale that slips onto the storefront reads as over, so nothing about it is buyable.
 */
export type StorefrontPhase = Extract<SalePhase, "upcoming" | "live" | "paused" | "ended">;

export function storefrontPhase(sale: TimedSale, now: Date = new Date()): StorefrontPhase {
  const phase = salePhase(sale, now);
  switch (phase) {
    case "draft":
    case "archived":
      return "ended";
    case "sold_out":
      return "live";
    default:
      return phase;
  }
}

export const SALE_PHASE_LABELS: Record<SalePhase, string> = {
  draft: "Draft",
  upcoming: "Scheduled",
  live: "Live",
  sold_out: "Sold out",
  paused: "Paused",
  ended: "Ended",
  archived: "Archived",
};

/** What decides when a fair draw's lobby opens. */
export interface LobbyTimedSale {
  openingMode: OpeningMode;
  startsAt: Date;
  lobbyMinutes: number;
}

/**
 * When shoppers may start entering a fair draw's lobby: `lobbyMinutes` before the start (the draw).
 * Null for a first-come sale, which has no lobby.
 */
export function lobbyOpensAt(sale: LobbyTimedSale): Date | null {
  if (sale.openingMode !== "FAIR_DRAW") return null;
  return new Date(sale.startsAt.getTime() - sale.lobbyMinutes * 60_000);
}

/**
 * The sale is over for good: ended by an admin, or past its end while published or paused. An
 * archived sale counts once its end has passed or its draw ran (only ended sales are archived after
 * a draw). A fair draw's seed is published from here on.
 */
export function saleHasEnded(sale: TimedSale & { drawnAt?: Date | null }, now: Date = new Date()): boolean {
  switch (sale.state) {
    case "ENDED":
      return true;
    case "PUBLISHED":
    case "PAUSED":
      return now >= sale.endsAt;
    case "ARCHIVED":
      return now >= sale.endsAt || Boolean(sale.drawnAt);
    case "DRAFT":
      return false;
  }
}

/** "1 unit", "2 units": a count of units as shoppers and admins read it. */
export function unitsLabel(count: number): string {
  return `${count} ${count === 1 ? "unit" : "units"}`;
}

export type StockMeasure =
  /** Before the start: the whole stock, untouched. */
  | "offered"
  /** Running: what is left to buy. */
  | "left"
  /** Over: what was sold. */
  | "sold";

/** What a stock bar's caption says for a measure; the bar's fill counts the same thing. */
export function stockCaption(measure: StockMeasure, left: number, total: number): string {
  switch (measure) {
    case "offered":
      return unitsLabel(total);
    case "left":
      return left <= 0 ? `Sold out · all ${unitsLabel(total)} claimed` : `${left} of ${total} left`;
    case "sold":
      return left <= 0 ? `Sold out · all ${unitsLabel(total)} sold` : `${total - left} of ${unitsLabel(total)} sold`;
  }
}

/** How full a stock bar is (0…1): the share of the stock its caption counts. */
export function stockShare(measure: StockMeasure, left: number, total: number): number {
  if (total <= 0) return 0;
  const counted = measure === "sold" ? total - left : measure === "offered" ? total : left;
  return Math.min(1, Math.max(0, counted / total));
}
