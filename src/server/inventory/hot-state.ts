// A sale's hot state in Redis as the admin sees and changes it (the admin domain calls these; only
// inventory runs Lua). Every change goes through
// adjust-sale.lua, which recomputes stock as total − reserved in the same atomic step a
// reservation would run in: no read-modify-write, so an edit can neither oversell nor drop a unit.
import type { Redis } from "@upstash/redis";
import type { SaleState } from "~/lib/sale";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export type HotSaleState = Exclude<SaleState, "ARCHIVED">;

export interface HotState {
  state: string;
  stockLeft: number;
  total: number;
  /** Units held by shoppers: persisted orders and reservations still on their way. */
  reserved: number;
}

export async function readHotState(redis: Redis, namespace: string, saleId: string): Promise<HotState | null> {
  const keys = saleKeys(namespace, saleId);
  const [fields, reserved] = await Promise.all([
    redis.hmget<Record<string, string | number>>(keys.sale, "state", "stock", "total"),
    redis.hlen(keys.buyers),
  ]);
  if (!fields || fields.state == null) return null;
  return {
    state: String(fields.state),
    stockLeft: Math.max(0, Number(fields.stock)),
    total: Number(fields.total),
    reserved,
  };
}

export interface HotChange {
  total?: number;
  state?: HotSaleState;
  startsAt?: Date;
  endsAt?: Date;
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
  const keys = saleKeys(namespace, saleId);
  const reply = (await scriptFor(redis, "adjust-sale").exec(
    [keys.sale, keys.buyers],
    [
      change.total === undefined ? "" : String(change.total),
      change.state ?? "",
      change.startsAt ? String(change.startsAt.getTime()) : "",
      change.endsAt ? String(change.endsAt.getTime()) : "",
    ],
  )) as [string, ...number[]];
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
  await redis.del(...saleKeyList(saleKeys(namespace, saleId)));
}
