// The safety net behind QStash: persists reservations whose order never arrived (publish failed,
// deliveries exhausted) and checks each sale's books balance between Redis and Postgres.
import type { Redis } from "@upstash/redis";
import { z } from "zod";
import { STOREFRONT_STATES } from "~/lib/sale";
import type { DatabaseClient } from "~/server/db";
import { parsePendingMember, saleKeys } from "~/server/inventory/keys";
import { persistOrder } from "./persist-order";

export const DEFAULT_RECONCILE_AGE_SECONDS = 30;

/** The body of a (scheduled) reconcile request; an empty body means the defaults. */
export const reconcileRequestSchema = z.object({
  olderThanSeconds: z.number().int().min(0).max(86_400).default(DEFAULT_RECONCILE_AGE_SECONDS),
});

export interface SaleLedger {
  saleId: string;
  total: number;
  stockLeft: number;
  buyers: number;
  persisted: number;
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

export async function reconcileSale(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  saleId: string,
  options: ReconcileOptions,
): Promise<SaleLedger> {
  const keys = saleKeys(deps.namespace, saleId);
  const cutoff = (options.now ?? Date.now()) - options.olderThanMs;
  const stale = await deps.redis.zrange<string[]>(keys.pending, 0, cutoff, { byScore: true });

  let persistedNow = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const member of stale) {
    const entry = parsePendingMember(String(member));
    const reservedAt = await deps.redis.zscore(keys.pending, String(member));
    if (!entry || reservedAt === null) continue;
    const outcome = await persistOrder(deps, { v: 1, saleId, ...entry, reservedAt: Number(reservedAt) });
    if (outcome.ok && outcome.status === "CREATED") persistedNow += 1;
    if (!outcome.ok) {
      failed += 1;
      problems.push(`reservation ${entry.reservationId} cannot be persisted: ${outcome.reason}`);
    }
  }

  const [state, buyers, pending, persisted] = await Promise.all([
    deps.redis.hmget<Record<string, string>>(keys.sale, "total", "stock"),
    deps.redis.hlen(keys.buyers),
    deps.redis.zcard(keys.pending),
    deps.db.order.count({ where: { saleId, status: { not: "CANCELLED" } } }),
  ]);
  const total = Number(state?.total ?? NaN);
  const stockLeft = Number(state?.stock ?? NaN);

  if (!state || Number.isNaN(total)) problems.push("sale has no state in Redis (run sale:rearm)");
  else {
    if (stockLeft < 0) problems.push(`stock is negative: ${stockLeft}`);
    if (total !== stockLeft + buyers) problems.push(`total ${total} ≠ stock left ${stockLeft} + buyers ${buyers}`);
    if (persisted > buyers) problems.push(`${persisted} orders but only ${buyers} buyers in Redis`);
    if (pending === 0 && buyers !== persisted) problems.push(`drained, yet buyers ${buyers} ≠ orders ${persisted}`);
  }
  return { saleId, total, stockLeft, buyers, persisted, pending, persistedNow, failed, problems };
}

/** Every sale that can still have reservations in flight: published, paused or recently ended. */
export async function reconcileAllSales(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
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
