// The safety net behind QStash: persists reservations whose order never arrived (publish failed,
// deliveries exhausted) and checks each sale's books balance between Redis and Postgres.
import { z } from "zod";
import { UNIT_HOLDING_STATUSES } from "~/lib/checkout";
import { STOREFRONT_STATES } from "~/lib/sale";
import { readJournal } from "~/server/inventory/journal";
import { saleKeys } from "~/server/inventory/keys";
import { persistBatch, type DeliveryDeps } from "./deliveries";

export const DEFAULT_RECONCILE_AGE_SECONDS = 30;

/** The body of a (scheduled) reconcile request; an empty body means the defaults. */
export const reconcileRequestSchema = z.object({
  olderThanSeconds: z.number().int().min(0).max(86_400).default(DEFAULT_RECONCILE_AGE_SECONDS),
});

export interface SaleLedger {
  saleId: string;
  total: number;
  stockLeft: number;
  /** Units Redis counts as taken: holds waiting for payment plus units paid (or confirmed). */
  buyers: number;
  /** Orders holding a unit (HELD, PAID, CONFIRMED). */
  persisted: number;
  /** Acknowledged reservations Postgres refused because every unit was taken: expected 0. */
  refusedOversold: number;
  /** Units Postgres counts as taken (Sale.soldCount). */
  soldCount: number;
  pending: number;
  persistedNow: number;
  failed: number;
  problems: string[];
}

export interface ReconcileOptions {
  /** Leave younger entries to QStash, which is probably delivering them right now. */
  olderThanMs: number;
  now?: number;
}

const RECONCILE_BATCH = 500;

export async function reconcileSale(
  deps: DeliveryDeps,
  saleId: string,
  options: ReconcileOptions,
): Promise<SaleLedger> {
  const keys = saleKeys(deps.namespace, saleId);
  const cutoff = (options.now ?? Date.now()) - options.olderThanMs;

  let persistedNow = 0;
  let failed = 0;
  const problems: string[] = [];
  for (;;) {
    const stale = await readJournal(deps.redis, deps.namespace, saleId, { limit: RECONCILE_BATCH, before: cutoff });
    if (stale.length === 0) break;
    const outcomes = await persistBatch(deps, saleId, stale);
    for (const entry of stale) {
      const outcome = outcomes.get(entry.reservationId);
      if (outcome?.ok && outcome.status === "CREATED") persistedNow += 1;
      if (outcome && !outcome.ok) {
        failed += 1;
        problems.push(`reservation ${entry.reservationId} cannot be persisted: ${outcome.reason}`);
      }
    }
    // Entries that could not be settled stay in the journal; stop rather than loop over them again.
    if (stale.length < RECONCILE_BATCH || failed > 0) break;
  }

  const [state, pending, counts, sale] = await Promise.all([
    deps.redis.hmget<Record<string, string>>(keys.sale, "total", "stock", "held", "paid"),
    deps.redis.zcard(keys.pending),
    deps.db.order.groupBy({ by: ["status"], where: { saleId }, _count: { _all: true } }),
    deps.db.sale.findUnique({ where: { id: saleId }, select: { totalStock: true, soldCount: true } }),
  ]);
  const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const persisted = UNIT_HOLDING_STATUSES.reduce((sum, status) => sum + countOf(status), 0);
  const refusedOversold = countOf("REFUSED_OVERSOLD");
  const soldCount = sale?.soldCount ?? 0;
  const total = Number(state?.total ?? NaN);
  const stockLeft = Number(state?.stock ?? NaN);
  const buyers = Number(state?.held ?? 0) + Number(state?.paid ?? 0);

  if (refusedOversold > 0) problems.push(`${refusedOversold} acknowledged reservations were refused as oversold`);
  if (sale && soldCount !== persisted) problems.push(`soldCount ${soldCount} ≠ orders holding a unit ${persisted}`);
  if (sale && persisted > sale.totalStock) problems.push(`${persisted} orders for ${sale.totalStock} units`);
  if (!state || Number.isNaN(total)) problems.push("sale has no state in Redis (it re-arms at the next purchase)");
  else {
    if (stockLeft < 0) problems.push(`stock is negative: ${stockLeft}`);
    if (total !== stockLeft + buyers) {
      problems.push(`total ${total} ≠ stock left ${stockLeft} + units held or paid ${buyers}`);
    }
    if (persisted > buyers) problems.push(`${persisted} orders but only ${buyers} buyers in Redis`);
    if (pending === 0 && buyers !== persisted) problems.push(`drained, yet buyers ${buyers} ≠ orders ${persisted}`);
  }
  return {
    saleId,
    total,
    stockLeft,
    buyers,
    persisted,
    refusedOversold,
    soldCount,
    pending,
    persistedNow,
    failed,
    problems,
  };
}

/** Every sale that can still have reservations in flight: published, paused or recently ended. */
export async function reconcileAllSales(
  deps: DeliveryDeps,
  options: ReconcileOptions & { endedWithinMs?: number },
): Promise<SaleLedger[]> {
  const since = new Date((options.now ?? Date.now()) - (options.endedWithinMs ?? 7 * 24 * 3600 * 1000));
  const sales = await deps.db.sale.findMany({
    where: { state: { in: [...STOREFRONT_STATES] }, endsAt: { gte: since } },
    select: { id: true },
  });
  const ledgers: SaleLedger[] = [];
  for (const sale of sales) ledgers.push(await reconcileSale(deps, sale.id, options));
  return ledgers;
}
