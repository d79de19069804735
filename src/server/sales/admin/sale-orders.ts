// A sale's orders for the admin: one page at a time for the screen, all of them in batches for
// the CSV export, either narrowed to one state. Oldest first, the order shoppers won their units in.
import { orderNumberOf } from "~/lib/checkout";
import type { DatabaseClient, OrderStatus } from "~/server/db";
import { countSaleOrders, ordersWhere, totalOrders, type OrderCounts, type OrderStateFilter } from "./order-counts";

export const ORDERS_PAGE_SIZE_MAX = 200;

const orderSelect = {
  id: true,
  reservationId: true,
  status: true,
  reservedAt: true,
  expiresAt: true,
  holdKind: true,
  priceMinor: true,
  currency: true,
  user: { select: { email: true } },
} as const;

export interface AdminOrderRow {
  id: string;
  /** What the shopper quotes (derived from the reservation id). */
  orderNumber: string;
  email: string;
  reservedAt: Date;
  status: OrderStatus;
  /** When an unpaid hold lapses; null for orders that never had a payment step. */
  expiresAt: Date | null;
  /** RESERVATION: won by the shopper; OFFER: came to them from the waitlist. */
  holdKind: "RESERVATION" | "OFFER";
  priceMinor: number;
  currency: string;
}

const orderBy = [{ reservedAt: "asc" }, { id: "asc" }] as const;

function toRow(order: {
  id: string;
  reservationId: string;
  status: OrderStatus;
  reservedAt: Date;
  expiresAt: Date | null;
  holdKind: AdminOrderRow["holdKind"];
  priceMinor: number;
  currency: string;
  user: { email: string };
}): AdminOrderRow {
  return {
    id: order.id,
    orderNumber: orderNumberOf(order.reservationId),
    email: order.user.email,
    reservedAt: order.reservedAt,
    status: order.status,
    expiresAt: order.expiresAt,
    holdKind: order.holdKind,
    priceMinor: order.priceMinor,
    currency: order.currency,
  };
}

export interface SaleOrdersPage {
  sale: { id: string; title: string; slug: string };
  /** The state shown, or null for every order. */
  state: OrderStateFilter | null;
  /** Every order of the sale by state, whatever is shown, for the filter's labels. */
  counts: OrderCounts;
  items: AdminOrderRow[];
  /** Orders matching the filter. */
  total: number;
  /** When this was read, to tell which holds are overdue without a clock of the reader's own. */
  readAt: Date;
  page: number;
  pageSize: number;
  pageCount: number;
}

export async function listSaleOrders(
  db: DatabaseClient,
  saleId: string,
  page: number,
  pageSize: number,
  state?: OrderStateFilter,
  now: Date = new Date(),
): Promise<SaleOrdersPage | null> {
  const sale = await db.sale.findUnique({ where: { id: saleId }, select: { id: true, title: true, slug: true } });
  if (!sale) return null;
  const [counts, orders] = await Promise.all([
    countSaleOrders(db, saleId),
    db.order.findMany({
      where: ordersWhere(saleId, state),
      select: orderSelect,
      orderBy: [...orderBy],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  const total = state ? counts[state] : totalOrders(counts);
  return {
    sale,
    state: state ?? null,
    counts,
    items: orders.map(toRow),
    total,
    readAt: now,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/**
 * Every order of a sale (or of one state), `batchSize` rows per query. Keyset-paginated on
 * (reservedAt, id), which never change, so rows arriving meanwhile are neither skipped nor repeated,
 * and an order that leaves the filtered state between two batches cannot shift the next one.
 */
export async function* allSaleOrders(
  db: DatabaseClient,
  saleId: string,
  options: { state?: OrderStateFilter; batchSize?: number } = {},
): AsyncGenerator<AdminOrderRow[]> {
  const batchSize = options.batchSize ?? 1_000;
  let after: { reservedAt: Date; id: string } | undefined;
  for (;;) {
    const where = ordersWhere(saleId, options.state);
    const batch = await db.order.findMany({
      where: after
        ? {
            AND: [
              where,
              {
                OR: [{ reservedAt: { gt: after.reservedAt } }, { reservedAt: after.reservedAt, id: { gt: after.id } }],
              },
            ],
          }
        : where,
      select: orderSelect,
      orderBy: [...orderBy],
      take: batchSize,
    });
    if (batch.length > 0) yield batch.map(toRow);
    const last = batch.at(-1);
    if (batch.length < batchSize || !last) return;
    after = { reservedAt: last.reservedAt, id: last.id };
  }
}
