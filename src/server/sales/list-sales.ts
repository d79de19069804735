// The storefront's view of sales: only published columns, ordered live → upcoming → recently ended.
import { STOREFRONT_STATES, storefrontPhase, type StorefrontPhase } from "~/lib/sale";
import type { DatabaseClient, Prisma } from "~/server/db";

export const publicSaleSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  imageUrl: true,
  priceMinor: true,
  currency: true,
  totalStock: true,
  startsAt: true,
  endsAt: true,
  state: true,
} as const satisfies Prisma.SaleSelect;

const phaseOrder: Record<StorefrontPhase, number> = { live: 0, paused: 1, upcoming: 2, ended: 3 };
const RECENTLY_ENDED_DAYS = 7;

export async function listStorefrontSales(db: DatabaseClient, now = new Date()) {
  const endedSince = new Date(now.getTime() - RECENTLY_ENDED_DAYS * 24 * 3600 * 1000);
  const rows = await db.sale.findMany({
    where: { state: { in: [...STOREFRONT_STATES] }, endsAt: { gte: endedSince } },
    select: publicSaleSelect,
    orderBy: { startsAt: "asc" },
    take: 100,
  });
  return rows
    .map((sale) => ({ ...sale, phase: storefrontPhase(sale, now) }))
    .sort((a, b) => phaseOrder[a.phase] - phaseOrder[b.phase]);
}

/** One storefront sale by its address, or null when there is none to show. */
export function findStorefrontSale(db: DatabaseClient, slug: string) {
  return db.sale.findFirst({
    where: { slug, state: { in: [...STOREFRONT_STATES] } },
    select: publicSaleSelect,
  });
}
