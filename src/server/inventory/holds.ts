// Paying, cancelling and expiring holds: each one atomic script (pay-hold.lua, cancel-hold.lua,
// expire-holds.lua), so a hold is paid or released exactly once. Every script that releases a
// unit may hand it to the waitlist; the offers it made come back for the caller to follow up.
import type { Redis } from "@upstash/redis";
import { parseBuyerRecord, parseOffers, type BuyerRecord, type Offer } from "./buyer-record";
import { saleKeyList, saleKeys } from "./keys";
import { OPENING_FIELDS, parseOpening, type SaleOpening } from "./opening";
import { scriptFor } from "./scripts";

export type PayHoldStatus =
  "PAID" | "PAID_LATE" | "ALREADY_PAID" | "PAID_TWICE" | "HOLD_GONE" | "NOT_HELD" | "UNKNOWN_SALE";

export interface HoldTarget {
  namespace: string;
  saleId: string;
  userId: string;
}

export async function payHold(
  redis: Redis,
  target: HoldTarget & { reservationId: string; paymentRef: string },
): Promise<{ status: PayHoldStatus; offers: Offer[] }> {
  const [status, offers] = (await scriptFor(redis, "pay-hold").exec(
    saleKeyList(saleKeys(target.namespace, target.saleId)),
    [target.userId, target.reservationId, target.paymentRef],
  )) as [PayHoldStatus, unknown];
  return { status: String(status) as PayHoldStatus, offers: parseOffers(offers) };
}

export type CancelHoldStatus = "CANCELLED" | "ALREADY_PAID" | "NOT_HELD" | "UNKNOWN_SALE";

export async function cancelHold(
  redis: Redis,
  target: HoldTarget,
): Promise<{ status: CancelHoldStatus; offers: Offer[] }> {
  const [status, offers] = (await scriptFor(redis, "cancel-hold").exec(
    saleKeyList(saleKeys(target.namespace, target.saleId)),
    [target.userId],
  )) as [CancelHoldStatus, unknown];
  return { status: String(status) as CancelHoldStatus, offers: parseOffers(offers) };
}

export interface ExpirySweep {
  /** Holds released by this sweep. */
  expired: number;
  /** When the next hold of the sale falls due, epoch ms; null when none is waiting. */
  nextExpiry: number | null;
  offers: Offer[];
}

/** Releases a sale's overdue holds, at most `limit` per call; null when the sale has no hot state. */
export async function expireHolds(
  redis: Redis,
  input: { namespace: string; saleId: string; limit: number },
): Promise<ExpirySweep | null> {
  const [status, fields, offers] = (await scriptFor(redis, "expire-holds").exec(
    saleKeyList(saleKeys(input.namespace, input.saleId)),
    [String(input.limit)],
  )) as [string, Array<string | number>, unknown];
  if (status !== "OK") return null;
  const next = Number(fields[1]);
  return { expired: Number(fields[0]), nextExpiry: next > 0 ? next : null, offers: parseOffers(offers) };
}

/**
 * A shopper's record, place in the queue and place in a fair draw (their lobby entry before it,
 * their drawn position after it), with the sale's opening and counters: one pipelined read.
 */
export async function readShopper(
  redis: Redis,
  input: HoldTarget,
): Promise<{
  record: BuyerRecord | null;
  position: number | null;
  waiting: number;
  waitlistOpen: boolean;
  soldOut: boolean;
  /** Null when the sale has no hot state. */
  opening: SaleOpening | null;
  /** Before the draw: epoch ms the shopper entered the lobby; after it: their drawn position. Null: not an entrant. */
  lobbyScore: number | null;
}> {
  const keys = saleKeys(input.namespace, input.saleId);
  const pipeline = redis.pipeline();
  pipeline.hget(keys.buyers, input.userId);
  pipeline.zrank(keys.waitlist, input.userId);
  pipeline.zcard(keys.waitlist);
  pipeline.hmget(keys.sale, ...OPENING_FIELDS);
  pipeline.zscore(keys.lobby, input.userId);
  pipeline.zcard(keys.lobby);
  const [raw, rank, waiting, fields, lobbyScore, lobbySize] = (await pipeline.exec()) as [
    unknown,
    number | null,
    number,
    Record<string, unknown> | null,
    number | string | null,
    number,
  ];
  return {
    record: raw == null ? null : parseBuyerRecord(String(raw)),
    position: rank == null ? null : rank + 1,
    waiting: Number(waiting),
    waitlistOpen: String(fields?.waitlist) === "1",
    soldOut: fields?.stock != null && Number(fields.stock) <= 0,
    opening: parseOpening(fields, lobbySize),
    lobbyScore: lobbyScore == null ? null : Number(lobbyScore),
  };
}

/** A sale's checkout counters as Redis keeps them (see holds-lib.lua). */
export async function readHoldCounters(redis: Redis, namespace: string, saleId: string) {
  const keys = saleKeys(namespace, saleId);
  const [fields, waiting] = await Promise.all([
    redis.hmget<Record<string, string | number | null>>(
      keys.sale,
      "stock",
      "total",
      "held",
      "paid",
      "expired",
      "cancelled",
    ),
    redis.zcard(keys.waitlist),
  ]);
  if (!fields || fields.total == null) return null;
  const count = (value: unknown) => Number(value ?? 0);
  return {
    stock: count(fields.stock),
    total: count(fields.total),
    held: count(fields.held),
    paid: count(fields.paid),
    expired: count(fields.expired),
    cancelled: count(fields.cancelled),
    waiting,
  };
}
