// A fair draw in one atomic Redis step (draw.lua → draw_lobby in holds-lib.lua), and what any
// script that may run it answers about it. Whoever runs it — the scheduled message at the start,
// a status poll, a reserve, a lobby request — must follow it up (see ~/server/fair-draw).
import type { Redis } from "@upstash/redis";
import { parseOffers, type Offer } from "./buyer-record";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

/** What a draw that just ran did: its winners' holds need their expiries and orders to follow. */
export interface DrawnFacts {
  entrants: number;
  /** Epoch ms, Redis's clock. */
  drawnAt: number;
  /** The draw's own time inside Redis, in microseconds. */
  tookUs: number;
  /** Each winner's new hold (a unit for good when the sale is free). */
  winners: Offer[];
}

/** A script's draw element: {} when no draw ran, else {entrants, winners, drawnAtMs, tookUs, triples…}. */
export function parseDrawnFacts(flat: unknown): DrawnFacts | undefined {
  if (!Array.isArray(flat) || flat.length < 4) return undefined;
  const [entrants, , drawnAt, tookUs, ...triples] = flat as unknown[];
  return {
    entrants: Number(entrants),
    drawnAt: Number(drawnAt),
    tookUs: Number(tookUs),
    winners: parseOffers(triples),
  };
}

export type DrawOutcome =
  | { status: "DRAWN"; drawn: DrawnFacts }
  | { status: "ALREADY_DRAWN"; entrants: number; winners: number; drawnAt: number }
  /** Before the start, paused at it, or over without a draw. */
  | { status: "NOT_DUE"; startsAt: number; state: string }
  | { status: "NOT_FAIR_DRAW" | "UNKNOWN_SALE" };

export async function runDraw(redis: Redis, input: { namespace: string; saleId: string }): Promise<DrawOutcome> {
  const reply = (await scriptFor(redis, "draw").exec(saleKeyList(saleKeys(input.namespace, input.saleId)), [])) as [
    string,
    unknown[],
    unknown,
  ];
  return parseDrawReply(reply);
}

export function parseDrawReply(reply: [string, unknown[], unknown]): DrawOutcome {
  const [status, fields = [], draw] = reply;
  switch (status) {
    case "DRAWN": {
      const drawn = parseDrawnFacts(draw);
      if (!drawn) throw new Error("draw script answered DRAWN without the draw's facts");
      return { status, drawn };
    }
    case "ALREADY_DRAWN":
      return { status, entrants: Number(fields[0]), winners: Number(fields[1]), drawnAt: Number(fields[2]) };
    case "NOT_DUE":
      return { status, startsAt: Number(fields[0]), state: String(fields[1]) };
    case "NOT_FAIR_DRAW":
    case "UNKNOWN_SALE":
      return { status };
    default:
      throw new Error(`draw script answered an unknown status: ${String(status)}`);
  }
}
