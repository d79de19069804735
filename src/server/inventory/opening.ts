// A sale's fair opening and its checkout counters as Redis keeps them (see holds-lib.lua): what a
// shopper's status shows of the lobby, the draw and their chance. Read inside the shopper's one
// pipelined status read (./holds readShopper), never as a round trip of its own.
import type { OpeningMode } from "~/lib/fair-draw";

/** The sale hash fields the status reads, in HMGET order. */
export const OPENING_FIELDS = [
  "waitlist",
  "stock",
  "total",
  "state",
  "startsAt",
  "endsAt",
  "held",
  "paid",
  "expired",
  "cancelled",
  "mode",
  "lobbyAt",
  "commit",
  "seed",
  "drawnAt",
  "drawEntrants",
  "holdMs",
  "offerMs",
] as const;

export interface SaleOpening {
  mode: OpeningMode;
  state: string;
  startsAt: number;
  endsAt: number;
  /** When the lobby opens (epoch ms); meaningful for a fair draw only. */
  lobbyAt: number;
  commitment: string;
  /** The secret seed: callers publish it only once the sale has ended. */
  seed: string;
  drawnAt: number | null;
  drawEntrants: number;
  /** Shoppers in the lobby before the draw (after it, the drawn entrants). */
  lobbySize: number;
  counters: { stock: number; total: number; held: number; paid: number; expired: number; cancelled: number };
  /** The longest a hold or an offer taken now lasts (ms): holds taken so far all end within it. */
  longestHoldMs: number;
}

type Fields = Record<string, unknown> | null;

const count = (value: unknown) => Number(value ?? 0) || 0;

export function parseOpening(fields: Fields, lobbySize: unknown): SaleOpening | null {
  if (!fields || fields.state == null) return null;
  return {
    mode: fields.mode === "draw" ? "FAIR_DRAW" : "FIRST_COME",
    state: String(fields.state),
    startsAt: count(fields.startsAt),
    endsAt: count(fields.endsAt),
    lobbyAt: count(fields.lobbyAt),
    commitment: fields.commit == null ? "" : String(fields.commit),
    seed: fields.seed == null ? "" : String(fields.seed),
    drawnAt: fields.drawnAt == null ? null : count(fields.drawnAt),
    drawEntrants: count(fields.drawEntrants),
    lobbySize: count(lobbySize),
    counters: {
      stock: Math.max(0, count(fields.stock)),
      total: count(fields.total),
      held: count(fields.held),
      paid: count(fields.paid),
      expired: count(fields.expired),
      cancelled: count(fields.cancelled),
    },
    // The script's defaults when a window was never armed (see load_sale in holds-lib.lua).
    longestHoldMs: Math.max(count(fields.holdMs ?? 600_000), count(fields.offerMs ?? 300_000)),
  };
}

/** Whether a fair draw not drawn yet may still run: the sale takes buyers (or is paused) before its end. */
export function drawStillPossible(opening: SaleOpening, now: number): boolean {
  return (
    opening.mode === "FAIR_DRAW" &&
    opening.drawnAt === null &&
    (opening.state === "PUBLISHED" || opening.state === "PAUSED") &&
    now < opening.endsAt
  );
}

/**
 * Whether a unit released from now on may still reach the waitlist: the sale takes buyers or is
 * paused (released units wait in stock for the resume), before its end, with its queue switched on.
 * After the end, released units go back to stock, never to the queue (queue_open in holds-lib.lua).
 */
export function queueMayMove(opening: SaleOpening, waitlistOn: boolean, now: number): boolean {
  return waitlistOn && (opening.state === "PUBLISHED" || opening.state === "PAUSED") && now < opening.endsAt;
}

/** Whether the sale's draw should run now by this clock (the script decides by Redis's). */
export function drawLooksDue(opening: SaleOpening | null, now: number): boolean {
  return (
    opening !== null &&
    opening.mode === "FAIR_DRAW" &&
    opening.drawnAt === null &&
    opening.state === "PUBLISHED" &&
    now >= opening.startsAt &&
    now < opening.endsAt
  );
}
