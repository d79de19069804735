// A sale's orders for the admin: one page at a time for the screen, all of them in batches for
// the CSV export. Oldest first, the order shoppers won their units in.
import type { DatabaseClient, OrderStatus } from "~/server/db";

export const ORDERS_PAGE_SIZE_MAX = 200;

const orderSelect = {
  id: true,
  status: true,
  reservedAt: true,
  priceMinor: true,
  currency: true,
  user: { select: { email: true } },
} as const;

export interface AdminOrderRow {
  id: string;
  email: string;
  reservedAt: Date;
  status: OrderStatus;
  priceMinor: number;
  currency: string;
}

const orderBy = [{ reservedAt: "asc" }, { id: "asc" }] as const;

function toRow(order: {
  id: string;
  status: AdminOrderRow["status"];
  reservedAt: Date;
  priceMinor: number;
  currency: string;
  user: { email: string };
}): AdminOrderRow {
  return {
    id: order.id,
    email: order.user.email,
    reservedAt: order.reservedAt,
    status: order.status,
    priceMinor: order.priceMinor,
    currency: order.currency,
  };
}

export async function listSaleOrders(db: DatabaseClient, saleId: string, page: number, pageSize: number) {
  const sale = await db.sale.findUnique({ where: { id: saleId }, select: { id: true, title: true, slug: true } });
  if (!sale) return null;
  const [total, orders] = await Promise.all([
    db.order.count({ where: { saleId } }),
    db.order.findMany({
      where: { saleId },
      select: orderSelect,
      orderBy: [...orderBy],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return {
    sale,
    items: orders.map(toRow),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** Every order of a sale, `batchSize` rows per query, keyset-paginated so rows arriving meanwhile are not skipped twice. */
export async function* allSaleOrders(
  db: DatabaseClient,
  saleId: string,
  batchSize = 1_000,
): AsyncGenerator<AdminOrderRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.order.findMany({
      where: { saleId },
      select: orderSelect,
      orderBy: [...orderBy],
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (batch.length > 0) yield batch.map(toRow);
    if (batch.length < batchSize) return;
    cursor = batch.at(-1)?.id;
  }
}
