// What the admin screens show of a sale: stored columns, derived status, live stock from Redis,
// order count, and the edit rules that apply right now.
import { readHotState, type HotState } from "./redis-state";
import { nowOf, type ReadDeps } from "./result";
import { adminSaleSelect, findSale, type AdminSaleRecord } from "./sale-record";
import {
  allowedActions,
  deriveAdminStatus,
  editPhase,
  lockedFields,
  STATUS_LABELS,
  type AdminSaleStatus,
  type EditPhase,
  type SaleActions,
} from "./status";

export interface AdminSaleView extends AdminSaleRecord {
  status: AdminSaleStatus;
  statusLabel: string;
  /** Units still on sale; null when the sale should be in Redis and is not (rearm it). */
  stockLeft: number | null;
  reserved: number;
  orderCount: number;
  phase: EditPhase;
  locked: Partial<Record<string, string>>;
  actions: SaleActions;
}

const ARMED_STATES = new Set(["PUBLISHED", "PAUSED", "ENDED"]);

export function buildSaleView(
  record: AdminSaleRecord,
  hot: HotState | null,
  orderCount: number,
  now: Date,
): AdminSaleView {
  const stockLeft = hot ? hot.stockLeft : ARMED_STATES.has(record.state) ? null : record.totalStock - orderCount;
  const reserved = Math.max(hot?.reserved ?? 0, orderCount);
  const status = deriveAdminStatus(record, stockLeft, now);
  const phase = editPhase(record, now);
  return {
    ...record,
    status,
    statusLabel: STATUS_LABELS[status],
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
    deps.db.order.count({ where: { saleId: id } }),
  ]);
  return buildSaleView(record, hot, orderCount, nowOf(deps));
}

const STATUS_ORDER: Record<AdminSaleStatus, number> = {
  LIVE: 0,
  PAUSED: 1,
  SOLD_OUT: 2,
  SCHEDULED: 3,
  DRAFT: 4,
  ENDED: 5,
  ARCHIVED: 6,
};

/** Every sale that is not archived, running ones first, each with live figures. */
export async function listAdminSales(deps: ReadDeps): Promise<AdminSaleView[]> {
  const now = nowOf(deps);
  const rows = await deps.db.sale.findMany({
    where: { state: { not: "ARCHIVED" } },
    select: { ...adminSaleSelect, _count: { select: { orders: true } } },
    orderBy: { startsAt: "desc" },
    take: 500,
  });
  const hot = await Promise.all(rows.map((row) => readHotState(deps.redis, deps.namespace, row.id)));
  return rows
    .map(({ _count, ...record }, index) => buildSaleView(record, hot[index] ?? null, _count.orders, now))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}
