// The storefront's view of sales: only published columns, ordered live → upcoming → recently ended.
import type { DatabaseClient, Prisma } from "~/server/db";
import { salePhase } from "./sale-phase";

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

const phaseOrder = { live: 0, paused: 1, upcoming: 2, ended: 3 } as const;
const RECENTLY_ENDED_DAYS = 7;

export async function listStorefrontSales(db: DatabaseClient, now = new Date()) {
  const endedSince = new Date(now.getTime() - RECENTLY_ENDED_DAYS * 24 * 3600 * 1000);
  const rows = await db.sale.findMany({
    where: { state: { in: ["PUBLISHED", "PAUSED", "ENDED"] }, endsAt: { gte: endedSince } },
    select: publicSaleSelect,
    orderBy: { startsAt: "asc" },
    take: 100,
  });
  return rows
    .map((sale) => ({ ...sale, phase: salePhase(sale, now) as keyof typeof phaseOrder }))
    .sort((a, b) => phaseOrder[a.phase] - phaseOrder[b.phase]);
}
