// What the admin screens show of a sale: stored columns, derived status, live stock from Redis,
// order count, and the edit rules that apply right now.
import { isStorefrontState, SALE_PHASE_LABELS, salePhase, type SalePhase } from "~/lib/sale";
import type { Prisma } from "~/server/db";
import { readHotState, type HotState } from "~/server/inventory/hot-state";
import { nowOf, type ReadDeps } from "./result";
import { adminSaleSelect, findSale, type AdminSaleRecord } from "./sale-record";
import { allowedActions, editPhase, lockedFields, type EditPhase, type SaleActions } from "./status";

export interface AdminSaleView extends AdminSaleRecord {
  status: SalePhase;
  statusLabel: string;
  /** Units still on sale; null when the sale should be in Redis and is not (rearm it). */
  stockLeft: number | null;
  reserved: number;
  orderCount: number;
  phase: EditPhase;
  locked: Partial<Record<string, string>>;
  actions: SaleActions;
}

export function buildSaleView(
  record: AdminSaleRecord,
  hot: HotState | null,
  orderCount: number,
  now: Date,
): AdminSaleView {
  // Storefront states are armed in Redis: without hot state their stock is unknown, not full.
  const stockLeft = hot ? hot.stockLeft : isStorefrontState(record.state) ? null : record.totalStock - orderCount;
  const reserved = Math.max(hot?.reserved ?? 0, orderCount);
  const status = salePhase(record, now, stockLeft);
  const phase = editPhase(record, now);
  return {
    ...record,
    status,
    statusLabel: SALE_PHASE_LABELS[status],
    stockLeft,
    reserved,
    orderCount,
    phase,
    locked: lockedFields(phase),
    actions: allowedActions(record, reserved, now),
  };
}

export async function loadSaleView(deps: ReadDeps, id: string): Promise<AdminSaleView | null> {
  const record = await findSale(deps.db, id);
  if (!record) return null;
  const [hot, orderCount] = await Promise.all([
    readHotState(deps.redis, deps.namespace, id),
    deps.db.order.count({ where: { saleId: id, ...HOLDS_A_UNIT } }),
  ]);
  return buildSaleView(record, hot, orderCount, nowOf(deps));
}

/** Orders that hold a unit; a refused (oversold) or cancelled one holds none. */
const HOLDS_A_UNIT = { status: { in: ["PENDING", "CONFIRMED"] } } satisfies Prisma.OrderWhereInput;

const STATUS_ORDER: Record<SalePhase, number> = {
  live: 0,
  paused: 1,
  sold_out: 2,
  upcoming: 3,
  draft: 4,
  ended: 5,
  archived: 6,
};

/** Every sale that is not archived, running ones first, each with live figures. */
export async function listAdminSales(deps: ReadDeps): Promise<AdminSaleView[]> {
  const now = nowOf(deps);
  const rows = await deps.db.sale.findMany({
    where: { state: { not: "ARCHIVED" } },
    select: { ...adminSaleSelect, _count: { select: { orders: { where: HOLDS_A_UNIT } } } },
    orderBy: { startsAt: "desc" },
    take: 500,
  });
  const hot = await Promise.all(rows.map((row) => readHotState(deps.redis, deps.namespace, row.id)));
  return rows
    .map(({ _count, ...record }, index) => buildSaleView(record, hot[index] ?? null, _count.orders, now))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}
