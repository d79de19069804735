// Writes a sale's hot state to Redis from Postgres: on publish, on seed, and to rebuild after
// Redis lost data. Buyers come from persisted orders; Redis-only reservations are kept.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { saleKeyList, saleKeys } from "./keys";
import { scriptFor } from "./scripts";

export interface ArmableSale {
  id: string;
  state: string;
  totalStock: number;
  startsAt: Date;
  endsAt: Date;
}

export interface ArmResult {
  stockLeft: number;
  buyers: number;
  /** Buyers beyond total stock; non-zero means an oversell already happened. */
  overflow: number;
}

export async function armSaleInRedis(
  redis: Redis,
  namespace: string,
  sale: ArmableSale,
  orders: Array<{ userId: string; reservationId: string; reservedAt: Date }>,
): Promise<ArmResult> {
  const args = [sale.state, String(sale.totalStock), String(sale.startsAt.getTime()), String(sale.endsAt.getTime())];
  for (const order of orders) args.push(order.userId, order.reservationId, String(order.reservedAt.getTime()));
  const [stockLeft, buyers, overflow] = (await scriptFor(redis, "arm-sale").exec(
    saleKeyList(saleKeys(namespace, sale.id)),
    args,
  )) as [number, number, number];
  return { stockLeft, buyers, overflow };
}

/** Rebuilds one sale's Redis state from Postgres: stock = total − orders, buyers from orders. */
export async function rearmSale(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
): Promise<ArmResult | null> {
  const sale = await deps.db.sale.findUnique({
    where: { id: saleId },
    select: { id: true, state: true, totalStock: true, startsAt: true, endsAt: true },
  });
  if (!sale) return null;
  const orders = await deps.db.order.findMany({
    // Orders holding a unit; a refused or cancelled one holds none.
    where: { saleId, status: { in: ["PENDING", "CONFIRMED"] } },
    select: { userId: true, reservationId: true, reservedAt: true },
  });
  return armSaleInRedis(deps.redis, deps.namespace, sale, orders);
}

/** Rearms every sale that is not archived; returns what each now holds. */
export async function rearmAllSales(deps: { db: DatabaseClient; redis: Redis; namespace: string }) {
  const sales = await deps.db.sale.findMany({ where: { state: { not: "ARCHIVED" } }, select: { id: true } });
  const results: Array<{ saleId: string; result: ArmResult | null }> = [];
  for (const sale of sales) results.push({ saleId: sale.id, result: await rearmSale(deps, sale.id) });
  return results;
}
