// Writes a reserved unit to Postgres as an order. Idempotent: the (sale, user) unique constraint
// turns every redelivery into a no-op, and the journal entry is marked done either way.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { Prisma } from "~/server/db/generated/client";
import { pendingMember, saleKeys } from "~/server/inventory/keys";
import type { OrderMessage } from "~/server/purchase/order-message";

export type PersistOutcome =
  | { ok: true; status: "CREATED" | "DUPLICATE"; orderId: string }
  /** Can never succeed however often it is retried. */
  | { ok: false; reason: "UNKNOWN_SALE" | "UNKNOWN_USER" };

const PRICE_CACHE_MS = 5_000;
const priceCache = new Map<string, { priceMinor: number; currency: string; until: number }>();

async function salePrice(db: DatabaseClient, saleId: string) {
  const cached = priceCache.get(saleId);
  if (cached && cached.until > Date.now()) return cached;
  const sale = await db.sale.findUnique({ where: { id: saleId }, select: { priceMinor: true, currency: true } });
  if (!sale) return null;
  const entry = { ...sale, until: Date.now() + PRICE_CACHE_MS };
  priceCache.set(saleId, entry);
  return entry;
}

export async function persistOrder(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  message: OrderMessage,
): Promise<PersistOutcome> {
  const price = await salePrice(deps.db, message.saleId);
  if (!price) return { ok: false, reason: "UNKNOWN_SALE" };

  const where = { saleId_userId: { saleId: message.saleId, userId: message.userId } };
  let status: "CREATED" | "DUPLICATE" = "DUPLICATE";
  try {
    const { count } = await deps.db.order.createMany({
      data: [
        {
          saleId: message.saleId,
          userId: message.userId,
          reservationId: message.reservationId,
          status: "CONFIRMED",
          priceMinor: price.priceMinor,
          currency: price.currency,
          reservedAt: new Date(message.reservedAt),
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) status = "CREATED";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      return { ok: false, reason: "UNKNOWN_USER" };
    }
    throw error;
  }

  const order = await deps.db.order.findUnique({ where, select: { id: true } });
  // A conflict on reservationId alone (another shopper's id) cannot come from our reservations;
  // without a row for this shopper the message cannot succeed.
  if (!order) return { ok: false, reason: "UNKNOWN_USER" };

  await deps.redis.zrem(
    saleKeys(deps.namespace, message.saleId).pending,
    pendingMember(message.userId, message.reservationId),
  );
  return { ok: true, status, orderId: order.id };
}
