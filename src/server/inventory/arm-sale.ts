// Writes a sale's hot state to Redis from Postgres: on publish, on seed, and to rebuild after
// Redis lost data. Records come from persisted orders; changes Redis has not persisted are kept.
import type { Redis } from "@upstash/redis";
import type { OpeningMode } from "~/lib/fair-draw";
import type { DatabaseClient } from "~/server/db";
import { formatBuyerRecord, type HoldLetter } from "./buyer-record";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export interface ArmableSale {
  id: string;
  state: string;
  totalStock: number;
  startsAt: Date;
  endsAt: Date;
  priceMinor: number;
  holdSeconds: number;
  offerSeconds: number;
  waitlistEnabled: boolean;
  /** A fair opening (docs/fair-opening.md); absent fields arm a first-come sale with no admission rules. */
  openingMode?: OpeningMode;
  lobbyMinutes?: number;
  challengeCost?: number;
  minAccountAgeDays?: number;
  drawSeed?: string | null;
  drawCommitment?: string | null;
  /**
   * Set as soon as the draw ran (recorded by whoever ran it): a re-arm then never draws again. Its
   * winners are counted back from the records (see arm-sale.lua), so no column is needed for them.
   */
  drawnAt?: Date | null;
  drawEntrants?: number | null;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The sale hash's fair-opening fields, in arm-sale.lua's ARGV order (9..16). */
function openingArgs(sale: ArmableSale): string[] {
  const draw = sale.openingMode === "FAIR_DRAW";
  if (draw && (!sale.drawSeed || !sale.drawCommitment)) {
    // Without them the draw could be neither run nor re-derived: refuse to open such a lobby.
    throw new Error(`Sale ${sale.id} opens with a fair draw but has no seed and commitment.`);
  }
  return [
    draw ? "draw" : "first",
    String(sale.startsAt.getTime() - (sale.lobbyMinutes ?? 0) * MINUTE_MS),
    draw ? sale.drawSeed! : "",
    draw ? sale.drawCommitment! : "",
    (sale.challengeCost ?? 0) > 0 ? "1" : "0",
    String((sale.minAccountAgeDays ?? 0) * DAY_MS),
    sale.drawnAt ? String(sale.drawnAt.getTime()) : "",
    String(sale.drawEntrants ?? 0),
  ];
}

export interface ArmResult {
  stockLeft: number;
  /** Units held or paid. */
  buyers: number;
  /** Units taken beyond total stock; non-zero means an oversell already happened. */
  overflow: number;
}

export interface PersistedOrder {
  userId: string;
  reservationId: string;
  reservedAt: Date;
  status: string;
  expiresAt: Date | null;
  holdKind: string;
  /** The provider's reference of the payment that paid it, if any. */
  paymentRef?: string | null;
}

/** The record letter of an order's status; null for an order that holds no claim (refused). */
function letterOf(status: string): HoldLetter | null {
  switch (status) {
    case "HELD":
      return "H";
    case "PAID":
    case "CONFIRMED":
    case "PENDING":
      return "P";
    case "EXPIRED":
    case "REFUNDED":
      return "X";
    case "CANCELLED":
      return "C";
    default:
      return null;
  }
}

export async function armSaleInRedis(
  redis: Redis,
  namespace: string,
  sale: ArmableSale,
  orders: PersistedOrder[],
): Promise<ArmResult> {
  const args = [
    sale.state,
    String(sale.totalStock),
    String(sale.startsAt.getTime()),
    String(sale.endsAt.getTime()),
    String(sale.holdSeconds * 1000),
    String(sale.offerSeconds * 1000),
    // A fair draw queues its lobby's losers: it always has a waitlist.
    sale.waitlistEnabled || sale.openingMode === "FAIR_DRAW" ? "1" : "0",
    sale.priceMinor === 0 ? "1" : "0",
    ...openingArgs(sale),
  ];
  for (const order of orders) {
    const state = letterOf(order.status);
    if (!state) continue;
    args.push(
      order.userId,
      formatBuyerRecord({
        reservationId: order.reservationId,
        reservedAt: order.reservedAt.getTime(),
        state,
        expiresAt: order.expiresAt?.getTime() ?? null,
        kind: order.holdKind === "OFFER" ? "OFFER" : "RESERVATION",
        paymentRef: order.paymentRef ?? null,
      }),
    );
  }
  const [stockLeft, buyers, overflow] = (await scriptFor(redis, "arm-sale").exec(
    saleKeyList(saleKeys(namespace, sale.id)),
    args,
  )) as [number, number, number];
  return { stockLeft, buyers, overflow };
}

export const ARMABLE_SALE_COLUMNS = {
  id: true,
  state: true,
  totalStock: true,
  startsAt: true,
  endsAt: true,
  priceMinor: true,
  holdSeconds: true,
  offerSeconds: true,
  waitlistEnabled: true,
  openingMode: true,
  lobbyMinutes: true,
  challengeCost: true,
  minAccountAgeDays: true,
  drawSeed: true,
  drawCommitment: true,
  drawnAt: true,
  drawEntrants: true,
} as const;

/** Rebuilds one sale's Redis state from Postgres: records from orders, stock = total − units taken. */
export async function rearmSale(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
): Promise<ArmResult | null> {
  const sale = await deps.db.sale.findUnique({ where: { id: saleId }, select: ARMABLE_SALE_COLUMNS });
  if (!sale) return null;
  const orders = await deps.db.order.findMany({
    // A refused order holds no claim: that shopper may be granted a unit again.
    where: { saleId, status: { not: "REFUSED_OVERSOLD" } },
    select: {
      userId: true,
      reservationId: true,
      reservedAt: true,
      status: true,
      expiresAt: true,
      holdKind: true,
      // The payment that paid it, so a replayed event is still recognised as the same payment.
      payments: { where: { status: "SUCCEEDED" }, select: { id: true, provider: true }, take: 1 },
    },
  });
  return armSaleInRedis(
    deps.redis,
    deps.namespace,
    sale,
    orders.map(({ payments, ...order }) => ({
      ...order,
      paymentRef: payments[0] ? payments[0].id.slice(payments[0].provider.length + 1) : null,
    })),
  );
}

/** Rearms every sale that is not archived; returns what each now holds. */
export async function rearmAllSales(deps: { db: DatabaseClient; redis: Redis; namespace: string }) {
  const sales = await deps.db.sale.findMany({ where: { state: { not: "ARCHIVED" } }, select: { id: true } });
  const results: Array<{ saleId: string; result: ArmResult | null }> = [];
  for (const sale of sales) results.push({ saleId: sale.id, result: await rearmSale(deps, sale.id) });
  return results;
}
