// The figures the admin list and the editor header show for a sale, light enough to poll every
// couple of seconds: status, live stock (Redis), orders by state (one grouped Postgres query for
// all of them) and the waitlist. Built by the same buildSaleView the full pages use, so the live
// header never disagrees with the page it refreshes.
import type { SalePhase } from "~/lib/sale";
import { isStorefrontState } from "~/lib/sale";
import { readHotState } from "~/server/inventory/hot-state";
import { waitlistLength } from "~/server/inventory/waitlist";
import { countOrdersBySale, emptyOrderCounts, type OrderCounts } from "./order-counts";
import { nowOf, type ReadDeps } from "./result";
import { adminSaleSelect } from "./sale-record";
import { buildSaleView } from "./sale-view";

export interface LiveCounts {
  saleId: string;
  status: SalePhase;
  statusLabel: string;
  /** Units still on sale; null when the sale should be in Redis and is not. */
  stockLeft: number | null;
  totalStock: number;
  /** Units held or paid (Redis, or the orders when that is more). */
  reserved: number;
  orders: OrderCounts;
  orderTotal: number;
  waitlisted: number | null;
  waitlistEnabled: boolean;
}

/** The live figures of a sale view already read (a page's first paint starts from these). */
export function liveCountsOfView(view: ReturnType<typeof buildSaleView>): LiveCounts {
  return {
    saleId: view.id,
    status: view.status,
    statusLabel: view.statusLabel,
    stockLeft: view.stockLeft,
    totalStock: view.totalStock,
    reserved: view.reserved,
    orders: view.orders,
    orderTotal: view.orderTotal,
    waitlisted: view.waitlisted,
    waitlistEnabled: view.waitlistEnabled,
  };
}

/** The sales' live figures, in the order asked; ids of sales that do not exist are left out. */
export async function readLiveCounts(deps: ReadDeps, saleIds: readonly string[]): Promise<LiveCounts[]> {
  const ids = [...new Set(saleIds)];
  if (ids.length === 0) return [];
  const now = nowOf(deps);
  const [records, counts] = await Promise.all([
    deps.db.sale.findMany({ where: { id: { in: ids } }, select: adminSaleSelect }),
    countOrdersBySale(deps.db, ids),
  ]);
  const byId = new Map(records.map((record) => [record.id, record]));
  const present = ids.flatMap((id) => {
    const record = byId.get(id);
    return record ? [record] : [];
  });
  return Promise.all(
    present.map(async (record) => {
      const [hot, waitlisted] = await Promise.all([
        readHotState(deps.redis, deps.namespace, record.id),
        isStorefrontState(record.state) ? waitlistLength(deps.redis, deps.namespace, record.id) : Promise.resolve(0),
      ]);
      const view = buildSaleView(record, { hot, waitlisted }, counts.get(record.id) ?? emptyOrderCounts(), now);
      return liveCountsOfView(view);
    }),
  );
}
