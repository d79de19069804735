// The storefront's view of sales: only published columns, ordered live → upcoming → recently ended.
// How a sale opens is told as the shopper needs it (the mode, when its lobby opens, whether a
// challenge is asked, the minimum account age); the draw's seed is never among these columns.
import { lobbyOpensAt, STOREFRONT_STATES, storefrontPhase, type StorefrontPhase } from "~/lib/sale";
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
  openingMode: true,
  minAccountAgeDays: true,
} as const satisfies Prisma.SaleSelect;

/** What the storefront reads to describe a sale's opening; turned into the view by `withOpening`. */
const openingColumns = { lobbyMinutes: true, challengeCost: true } as const satisfies Prisma.SaleSelect;
/** When an admin ended the sale early; null for one that ran (or runs) to `endsAt`. */
const endColumns = { endedAt: true } as const satisfies Prisma.SaleSelect;
const storefrontSelect = { ...publicSaleSelect, ...openingColumns, ...endColumns } as const satisfies Prisma.SaleSelect;
type StorefrontRow = Prisma.SaleGetPayload<{ select: typeof storefrontSelect }>;

/**
 * A sale as shoppers see it: `lobbyOpensAt` (fair draw only; null otherwise) and whether a
 * challenge will be asked, in place of the lobby's length and the challenge's cost.
 */
export function withOpening({ lobbyMinutes, challengeCost, ...sale }: StorefrontRow) {
  return {
    ...sale,
    lobbyOpensAt: lobbyOpensAt({ ...sale, lobbyMinutes }),
    challengeRequired: challengeCost > 0,
  };
}
export type StorefrontSale = ReturnType<typeof withOpening>;

const phaseOrder: Record<StorefrontPhase, number> = { live: 0, paused: 1, upcoming: 2, ended: 3 };
const RECENTLY_ENDED_DAYS = 7;

export async function listStorefrontSales(db: DatabaseClient, now = new Date()) {
  const endedSince = new Date(now.getTime() - RECENTLY_ENDED_DAYS * 24 * 3600 * 1000);
  // One page each of running sales (the latest to open first), upcoming ones (the soonest first)
  // and the most recently ended, so neither a busy week of ended sales nor a long-running one
  // pushes a sale that just opened off the list.
  const where = { state: { in: [...STOREFRONT_STATES] } };
  const [running, upcoming, ended] = await Promise.all([
    db.sale.findMany({
      where: { ...where, startsAt: { lte: now }, endsAt: { gt: now } },
      select: storefrontSelect,
      orderBy: { startsAt: "desc" },
      take: 60,
    }),
    db.sale.findMany({
      where: { ...where, startsAt: { gt: now } },
      select: storefrontSelect,
      orderBy: { startsAt: "asc" },
      take: 60,
    }),
    db.sale.findMany({
      where: { ...where, endsAt: { gte: endedSince, lte: now } },
      select: storefrontSelect,
      orderBy: { endsAt: "desc" },
      take: 24,
    }),
  ]);
  return [...running, ...upcoming, ...ended]
    .map((row) => {
      const sale = withOpening(row);
      return { ...sale, phase: storefrontPhase(sale, now) };
    })
    .sort((a, b) => phaseOrder[a.phase] - phaseOrder[b.phase]);
}

/**
 * The next sale to open after `now` (other than `exceptId`), for pages that point a shopper who
 * missed out to the next drop; null when none is scheduled.
 */
export async function findNextDrop(db: DatabaseClient, exceptId: string, now = new Date()) {
  return db.sale.findFirst({
    where: { state: "PUBLISHED", startsAt: { gt: now }, id: { not: exceptId } },
    select: { id: true, slug: true, title: true, startsAt: true },
    orderBy: { startsAt: "asc" },
  });
}

/** One storefront sale by its address, or null when there is none to show. */
export async function findStorefrontSale(db: DatabaseClient, slug: string): Promise<StorefrontSale | null> {
  const row = await db.sale.findFirst({
    where: { slug, state: { in: [...STOREFRONT_STATES] } },
    select: storefrontSelect,
  });
  return row ? withOpening(row) : null;
}
