// What the admin screens show of a sale: stored columns, derived status, live stock from Redis,
// its orders counted by state, the waitlist's length, and the edit rules that apply right now.
import { isStorefrontState, lobbyOpensAt, SALE_PHASE_LABELS, salePhase, type SalePhase } from "~/lib/sale";
import { readHotState, type HotState } from "~/server/inventory/hot-state";
import { waitlistLength } from "~/server/inventory/waitlist";
import {
  countOrdersBySale,
  countSaleOrders,
  emptyOrderCounts,
  totalOrders,
  unitsTaken,
  type OrderCounts,
} from "./order-counts";
import { nowOf, type ReadDeps } from "./result";
import { adminSaleSelect, findSale, type AdminSaleRecord } from "./sale-record";
import { allowedActions, editPhase, lobbyHasOpened, saleLocks, type EditPhase, type SaleActions } from "./status";

export interface AdminSaleView extends AdminSaleRecord {
  status: SalePhase;
  statusLabel: string;
  /** When the sale ends or ended: the moment an admin ended it early, else its planned end. */
  actualEnd: Date;
  /** Units still on sale; null when the sale should be in Redis and is not (rearm it). */
  stockLeft: number | null;
  reserved: number;
  /** Orders keeping a unit: awaiting payment, paid, or confirmed. */
  orderCount: number;
  /** Every order of the sale, by state (PENDING counted as CONFIRMED). */
  orders: OrderCounts;
  /** Every order of the sale, whatever its state. */
  orderTotal: number;
  /** Shoppers queued for a released unit; null when the sale should be in Redis and is not. */
  waitlisted: number | null;
  phase: EditPhase;
  /** A fair draw's lobby opens here; null for a first-come sale. */
  lobbyOpensAt: Date | null;
  /** Shoppers can enter (or could: it stays true after the draw). */
  lobbyOpen: boolean;
  locked: Partial<Record<string, string>>;
  actions: SaleActions;
}

/** What Redis adds to a sale's view; null hot state when it holds nothing for the sale. */
export interface LiveFigures {
  hot: HotState | null;
  waitlisted: number;
}

export function buildSaleView(
  record: AdminSaleRecord,
  live: LiveFigures,
  orders: OrderCounts,
  now: Date,
): AdminSaleView {
  const { hot } = live;
  const orderCount = unitsTaken(orders);
  const armed = isStorefrontState(record.state);
  // Storefront states are armed in Redis: without hot state their stock is unknown, not full.
  const stockLeft = hot ? hot.stockLeft : armed ? null : record.totalStock - orderCount;
  const reserved = Math.max(hot?.reserved ?? 0, orderCount);
  const status = salePhase(record, now, stockLeft);
  const phase = editPhase(record, now);
  const orderTotal = totalOrders(orders);
  return {
    ...record,
    status,
    statusLabel: SALE_PHASE_LABELS[status],
    actualEnd: record.endedAt ?? record.endsAt,
    stockLeft,
    reserved,
    orderCount,
    orders,
    orderTotal,
    waitlisted: armed && !hot ? null : live.waitlisted,
    phase,
    lobbyOpensAt: lobbyOpensAt(record),
    lobbyOpen: lobbyHasOpened(record, now),
    locked: saleLocks(record, now),
    // Any order, even one that keeps no unit (expired, refunded…), keeps its sale from deletion.
    actions: allowedActions(record, Math.max(reserved, orderTotal), now),
  };
}

/** Hot state and waitlist of a sale; only sales armed in Redis (storefront states) can have a queue. */
async function readLiveFigures(deps: ReadDeps, record: Pick<AdminSaleRecord, "id" | "state">): Promise<LiveFigures> {
  const [hot, waitlisted] = await Promise.all([
    readHotState(deps.redis, deps.namespace, record.id),
    isStorefrontState(record.state) ? waitlistLength(deps.redis, deps.namespace, record.id) : Promise.resolve(0),
  ]);
  return { hot, waitlisted };
}

export async function loadSaleView(deps: ReadDeps, id: string): Promise<AdminSaleView | null> {
  const record = await findSale(deps.db, id);
  if (!record) return null;
  const [live, orders] = await Promise.all([readLiveFigures(deps, record), countSaleOrders(deps.db, id)]);
  return buildSaleView(record, live, orders, nowOf(deps));
}

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
  const records = await deps.db.sale.findMany({
    where: { state: { not: "ARCHIVED" } },
    select: adminSaleSelect,
    orderBy: { startsAt: "desc" },
    take: 500,
  });
  const [live, counts] = await Promise.all([
    Promise.all(records.map((record) => readLiveFigures(deps, record))),
    countOrdersBySale(
      deps.db,
      records.map((record) => record.id),
    ),
  ]);
  return records
    .map((record, index) =>
      buildSaleView(
        record,
        live[index] ?? { hot: null, waitlisted: 0 },
        counts.get(record.id) ?? emptyOrderCounts(),
        now,
      ),
    )
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}
