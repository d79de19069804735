// A sale's hot state in Redis as the admin sees and changes it (the admin domain calls these; only
// inventory runs Lua). Every change goes through
// adjust-sale.lua, which recomputes stock as total − reserved in the same atomic step a
// reservation would run in: no read-modify-write, so an edit can neither oversell nor drop a unit.
import type { Redis } from "@upstash/redis";
import type { OpeningMode } from "~/lib/fair-draw";
import type { SaleState } from "~/lib/sale";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export type HotSaleState = Exclude<SaleState, "ARCHIVED">;

export interface HotState {
  state: string;
  stockLeft: number;
  total: number;
  /** Units held or paid by shoppers (persisted or still on their way). */
  reserved: number;
  openingMode: OpeningMode;
  /** Epoch ms the fair draw ran (Redis's clock); null before it, and for a first-come sale. */
  drawnAt: number | null;
}

export async function readHotState(redis: Redis, namespace: string, saleId: string): Promise<HotState | null> {
  const keys = saleKeys(namespace, saleId);
  const fields = await redis.hmget<Record<string, string | number | null>>(
    keys.sale,
    "state",
    "stock",
    "total",
    "held",
    "paid",
    "mode",
    "drawnAt",
  );
  if (!fields || fields.state == null) return null;
  return {
    state: String(fields.state),
    stockLeft: Math.max(0, Number(fields.stock)),
    total: Number(fields.total),
    reserved: Number(fields.held ?? 0) + Number(fields.paid ?? 0),
    openingMode: fields.mode === "draw" ? "FAIR_DRAW" : "FIRST_COME",
    drawnAt: fields.drawnAt == null ? null : Number(fields.drawnAt),
  };
}

export interface HotChange {
  total?: number;
  state?: HotSaleState;
  startsAt?: Date;
  endsAt?: Date;
  /** Checkout settings; they apply to holds taken from now on. */
  holdSeconds?: number;
  offerSeconds?: number;
  waitlistEnabled?: boolean;
  /** The price became (true) or stopped being (false) zero: units are claimed, or held for payment. */
  free?: boolean;
  /**
   * A fair opening (docs/fair-opening.md). Mode, seed and commitment are kept as drawn once the
   * draw ran; a fair draw always keeps its waitlist. Moving the start moves the lobby's opening.
   */
  openingMode?: OpeningMode;
  lobbyMinutes?: number;
  draw?: { seed: string; commitment: string };
  /** Above 0: entering and buying ask for a solved challenge. */
  challengeCost?: number;
  minAccountAgeDays?: number;
}

export type AdjustOutcome =
  | { ok: true; stockLeft: number; reserved: number }
  | { ok: false; reason: "BELOW_RESERVED"; reserved: number }
  | { ok: false; reason: "UNKNOWN_SALE" };

export async function adjustHotState(
  redis: Redis,
  namespace: string,
  saleId: string,
  change: HotChange,
): Promise<AdjustOutcome> {
  const reply = (await scriptFor(redis, "adjust-sale").exec(saleKeyList(saleKeys(namespace, saleId)), [
    change.total === undefined ? "" : String(change.total),
    change.state ?? "",
    change.startsAt ? String(change.startsAt.getTime()) : "",
    change.endsAt ? String(change.endsAt.getTime()) : "",
    change.holdSeconds === undefined ? "" : String(change.holdSeconds * 1000),
    change.offerSeconds === undefined ? "" : String(change.offerSeconds * 1000),
    change.waitlistEnabled === undefined ? "" : change.waitlistEnabled ? "1" : "0",
    change.free === undefined ? "" : change.free ? "1" : "0",
    change.openingMode === undefined ? "" : change.openingMode === "FAIR_DRAW" ? "draw" : "first",
    change.lobbyMinutes === undefined ? "" : String(change.lobbyMinutes * 60_000),
    change.draw?.seed ?? "",
    change.draw?.commitment ?? "",
    change.challengeCost === undefined ? "" : change.challengeCost > 0 ? "1" : "0",
    change.minAccountAgeDays === undefined ? "" : String(change.minAccountAgeDays * 86_400_000),
  ])) as [string, ...number[]];
  const [status, a, b] = reply;
  switch (status) {
    case "OK":
      return { ok: true, stockLeft: Number(a), reserved: Number(b) };
    case "BELOW_RESERVED":
      return { ok: false, reason: "BELOW_RESERVED", reserved: Number(a) };
    case "UNKNOWN_SALE":
      return { ok: false, reason: "UNKNOWN_SALE" };
    default:
      throw new Error(`adjust-sale answered an unknown status: ${String(status)}`);
  }
}

/** Removes every key of a deleted sale (it was closed in Redis first, so leftovers refuse anyway). */
export async function dropHotState(redis: Redis, namespace: string, saleId: string): Promise<void> {
  const keys = saleKeys(namespace, saleId);
  await redis.del(...saleKeyList(keys), keys.declines);
}
