// A sale's orders counted by state, as the admin filters and reads them. PENDING orders (from the
// first version, before checkout) read as CONFIRMED, the way shoppers see them.
import { UNIT_HOLDING_STATUSES } from "~/lib/checkout";
import type { DatabaseClient, OrderStatus, Prisma } from "~/server/db";

/** The states an admin filters orders by, in the order the screens list them. */
export const ORDER_STATE_FILTERS = [
  "HELD",
  "PAID",
  "CONFIRMED",
  "EXPIRED",
  "CANCELLED",
  "REFUNDED",
  "REFUSED_OVERSOLD",
] as const satisfies readonly OrderStatus[];
export type OrderStateFilter = (typeof ORDER_STATE_FILTERS)[number];

export function isOrderStateFilter(value: unknown): value is OrderStateFilter {
  return typeof value === "string" && (ORDER_STATE_FILTERS as readonly string[]).includes(value);
}

/** The stored statuses each filter shows. */
const STATUSES_OF: Record<OrderStateFilter, OrderStatus[]> = {
  HELD: ["HELD"],
  PAID: ["PAID"],
  CONFIRMED: ["CONFIRMED", "PENDING"],
  EXPIRED: ["EXPIRED"],
  CANCELLED: ["CANCELLED"],
  REFUNDED: ["REFUNDED"],
  REFUSED_OVERSOLD: ["REFUSED_OVERSOLD"],
};

const FILTER_OF: Record<OrderStatus, OrderStateFilter> = {
  HELD: "HELD",
  PAID: "PAID",
  CONFIRMED: "CONFIRMED",
  PENDING: "CONFIRMED",
  EXPIRED: "EXPIRED",
  CANCELLED: "CANCELLED",
  REFUNDED: "REFUNDED",
  REFUSED_OVERSOLD: "REFUSED_OVERSOLD",
};

/** The `where` of a sale's orders, narrowed to one state when a filter is given. */
export function ordersWhere(saleId: string, state?: OrderStateFilter): Prisma.OrderWhereInput {
  return state ? { saleId, status: { in: STATUSES_OF[state] } } : { saleId };
}

/** Orders that keep a unit for their shopper (see UNIT_HOLDING_STATUSES). */
export const HOLDS_A_UNIT = { status: { in: [...UNIT_HOLDING_STATUSES] } } satisfies Prisma.OrderWhereInput;

export type OrderCounts = Record<OrderStateFilter, number>;

export function emptyOrderCounts(): OrderCounts {
  return { HELD: 0, PAID: 0, CONFIRMED: 0, EXPIRED: 0, CANCELLED: 0, REFUNDED: 0, REFUSED_OVERSOLD: 0 };
}

/** Units the sale's orders keep: awaiting payment, paid, or confirmed without a payment step. */
export function unitsTaken(counts: OrderCounts): number {
  return counts.HELD + counts.PAID + counts.CONFIRMED;
}

export function totalOrders(counts: OrderCounts): number {
  return ORDER_STATE_FILTERS.reduce((sum, state) => sum + counts[state], 0);
}

function addGroup(counts: OrderCounts, status: OrderStatus, count: number) {
  counts[FILTER_OF[status]] += count;
}

export async function countSaleOrders(db: DatabaseClient, saleId: string): Promise<OrderCounts> {
  const groups = await db.order.groupBy({ by: ["status"], where: { saleId }, _count: { _all: true } });
  const counts = emptyOrderCounts();
  for (const group of groups) addGroup(counts, group.status, group._count._all);
  return counts;
}

/** The counts of many sales in one query; a sale without orders gets zeros. */
export async function countOrdersBySale(db: DatabaseClient, saleIds: string[]): Promise<Map<string, OrderCounts>> {
  const bySale = new Map(saleIds.map((id) => [id, emptyOrderCounts()]));
  if (saleIds.length === 0) return bySale;
  const groups = await db.order.groupBy({
    by: ["saleId", "status"],
    where: { saleId: { in: saleIds } },
    _count: { _all: true },
  });
  for (const group of groups) {
    const counts = bySale.get(group.saleId);
    if (counts) addGroup(counts, group.status, group._count._all);
  }
  return bySale;
}
