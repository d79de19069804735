// The buy path after rate limiting: reserve atomically in Redis, then queue the order for
// Postgres. The shopper is answered as soon as the unit is theirs; persistence follows.
import type { Client as QStashClient } from "@upstash/qstash";
import type { Redis } from "@upstash/redis";
import { reserveUnit, type ReserveOutcome } from "~/server/inventory/reserve-unit";
import { soldOutKey, type SoldOutCache } from "~/server/inventory/sold-out-cache";
import { publishOrderMessage, type OrderPublishTarget } from "./publish-order";

export interface PurchaseDeps {
  redis: Redis;
  qstash: QStashClient;
  soldOut: SoldOutCache;
  target: OrderPublishTarget;
  onPublishFailure?: (error: unknown, reservationId: string) => void;
}

export type PurchaseOutcome = ReserveOutcome & { orderQueued?: boolean };

export async function reservePurchase(
  deps: PurchaseDeps,
  input: { saleId: string; userId: string },
): Promise<PurchaseOutcome> {
  const cacheKey = soldOutKey(deps.target.namespace, input.saleId);
  if (deps.soldOut.isSoldOut(cacheKey)) return { ok: false, reason: "SOLD_OUT" };

  const outcome = await reserveUnit(deps.redis, { namespace: deps.target.namespace, ...input });
  const soldOutNow = outcome.ok
    ? outcome.status === "RESERVED" && outcome.stockLeft === 0
    : outcome.reason === "SOLD_OUT";
  // Either answer ends a revalidation (see SoldOutCache.answerFromMemory): a restock lets everyone in.
  if (soldOutNow) deps.soldOut.markSoldOut(cacheKey);
  else deps.soldOut.markAvailable(cacheKey);
  if (!outcome.ok) return outcome;
  // A repeat answer carries the reservation the shopper already holds; its order is already queued.
  if (outcome.status === "ALREADY_RESERVED") return outcome;

  try {
    await publishOrderMessage(deps.qstash, deps.target, {
      v: 1,
      saleId: input.saleId,
      userId: input.userId,
      reservationId: outcome.reservationId,
      reservedAt: outcome.reservedAt.getTime(),
    });
    return { ...outcome, orderQueued: true };
  } catch (error) {
    // The unit stays the shopper's: the journal entry is still pending, and the reconciler
    // persists it. Failing the request here would tempt a retry that cannot buy a second unit anyway.
    deps.onPublishFailure?.(error, outcome.reservationId);
    return { ...outcome, orderQueued: false };
  }
}
