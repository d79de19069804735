// A sale's orders for the admin: one page at a time for the screen, all of them in batches for
// the CSV export, either narrowed to one state. Oldest first, the order shoppers won their units in.
// The screen can also look orders up by the shopper's email (any part of it, any case) or by the
// order number the shopper quotes, typed however they read it out.
import { z } from "zod";
import { orderNumberOf, reservationPrefixOf } from "~/lib/checkout";
import type { DatabaseClient, OrderStatus, Prisma } from "~/server/db";
import { countSaleOrders, ordersWhere, totalOrders, type OrderCounts, type OrderStateFilter } from "./order-counts";

export const ORDERS_PAGE_SIZE_MAX = 200;

/** Longer than any email address can be (254): nothing longer names an order. */
export const ORDER_SEARCH_MAX = 254;

/** What an admin may search orders with, checked at every door (the tRPC input, the CSV's ?q=). */
export const orderSearchSchema = z
  .string({ error: "Search with text: an email address or an order number." })
  .trim()
  .max(ORDER_SEARCH_MAX, `Search with at most ${ORDER_SEARCH_MAX} characters: an email address or an order number.`)
  .refine(
    (text) => !/[\u0000-\u001f\u007f]/.test(text),
    "Search with plain text (an email address or an order number), without control characters.",
  );

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

/**
 * Orders whose shopper's email contains `search` (case-insensitive), or whose order number it is
 * (or begins with: see reservationPrefixOf). Both stay within one sale, so the scan is that
 * sale's orders, never the whole table.
 */
export function orderSearchWhere(search: string): Prisma.OrderWhereInput {
  const byEmail: Prisma.OrderWhereInput = { user: { email: { contains: search, mode: "insensitive" } } };
  const prefix = reservationPrefixOf(search);
  return prefix ? { OR: [byEmail, { reservationId: { startsWith: prefix } }] } : byEmail;
}

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

/** A sale's orders, narrowed to a state and a search when given (a blank search is none). */
function selectionWhere(saleId: string, state?: OrderStateFilter, search?: string | null): Prisma.OrderWhereInput {
  const inState = ordersWhere(saleId, state);
  const text = search?.trim();
  return text ? { AND: [inState, orderSearchWhere(text)] } : inState;
}

export interface SaleOrdersPage {
  sale: { id: string; title: string; slug: string };
  /** The state shown, or null for every order. */
  state: OrderStateFilter | null;
  /** The email or order number looked up, or null for no search. */
  search: string | null;
  /** Every order of the sale by state, whatever is shown, for the filter's labels. */
  counts: OrderCounts;
  items: AdminOrderRow[];
  /** Orders matching the filter and the search. */
  total: number;
  /** When this was read, to tell which holds are overdue without a clock of the reader's own. */
  readAt: Date;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface SaleOrdersQuery {
  page: number;
  pageSize: number;
  state?: OrderStateFilter;
  /** An email (or part of one) or an order number; absent or blank for every order. */
  search?: string;
}

export async function listSaleOrders(
  db: DatabaseClient,
  saleId: string,
  { page, pageSize, state, search: typed }: SaleOrdersQuery,
  now: Date = new Date(),
): Promise<SaleOrdersPage | null> {
  const sale = await db.sale.findUnique({ where: { id: saleId }, select: { id: true, title: true, slug: true } });
  if (!sale) return null;
  const search = typed?.trim() || null;
  const where = selectionWhere(saleId, state, search);
  const [counts, orders, found] = await Promise.all([
    countSaleOrders(db, saleId),
    db.order.findMany({
      where,
      select: orderSelect,
      orderBy: [...orderBy],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    // The state counts answer an unfiltered total; a search needs its own count.
    search ? db.order.count({ where }) : null,
  ]);
  const total = found ?? (state ? counts[state] : totalOrders(counts));
  return {
    sale,
    state: state ?? null,
    search,
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
  options: { state?: OrderStateFilter; search?: string; batchSize?: number } = {},
): AsyncGenerator<AdminOrderRow[]> {
  const batchSize = options.batchSize ?? 1_000;
  const where = selectionWhere(saleId, options.state, options.search);
  let after: { reservedAt: Date; id: string } | undefined;
  for (;;) {
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
