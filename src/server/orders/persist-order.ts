// Writes a reserved unit to Postgres as an order. Idempotent: the (sale, user) and reservation
// unique constraints turn every redelivery into a no-op, and the journal entry is marked done
// either way. One statement does the insert, the price snapshot and the existence checks, so a
// delivery costs one database round trip.
import type { Redis } from "@upstash/redis";
import type { DatabaseClient } from "~/server/db";
import { pendingMember, saleKeys } from "~/server/inventory/keys";
import type { OrderMessage } from "./order-message";
import { newOrderId } from "./order-id";

export type PersistOutcome =
  | { ok: true; status: "CREATED" | "DUPLICATE"; orderId: string }
  /** Can never succeed however often it is retried. */
  | { ok: false; reason: "UNKNOWN_SALE" | "UNKNOWN_USER" };

async function insertOrder(db: DatabaseClient, message: OrderMessage) {
  // The second SELECT sees the order that already existed when the statement started; an insert
  // racing this one (a concurrent redelivery) is found by the follow-up read in persistOrder.
  return db.$queryRaw<Array<{ id: string; created: boolean }>>`
    WITH inserted AS (
      INSERT INTO "Order" ("id", "saleId", "userId", "status", "reservationId", "priceMinor", "currency",
                           "reservedAt", "createdAt", "updatedAt")
      SELECT ${newOrderId()}, s."id", u."id", 'CONFIRMED'::"OrderStatus", ${message.reservationId},
             s."priceMinor", s."currency", ${new Date(message.reservedAt)}, now(), now()
      FROM "Sale" s JOIN "User" u ON u."id" = ${message.userId}
      WHERE s."id" = ${message.saleId}
      ON CONFLICT DO NOTHING
      RETURNING "id"
    )
    SELECT "id", true AS "created" FROM inserted
    UNION ALL
    SELECT "id", false AS "created" FROM "Order" WHERE "saleId" = ${message.saleId} AND "userId" = ${message.userId}`;
}

async function missingParty(db: DatabaseClient, message: OrderMessage): Promise<"UNKNOWN_SALE" | "UNKNOWN_USER"> {
  const sale = await db.sale.findUnique({ where: { id: message.saleId }, select: { id: true } });
  return sale ? "UNKNOWN_USER" : "UNKNOWN_SALE";
}

export async function persistOrder(
  deps: { db: DatabaseClient; redis: Redis; namespace: string },
  message: OrderMessage,
): Promise<PersistOutcome> {
  const [row] = await insertOrder(deps.db, message);
  let outcome: PersistOutcome;
  if (row) {
    outcome = { ok: true, status: row.created ? "CREATED" : "DUPLICATE", orderId: row.id };
  } else {
    const raced = await deps.db.order.findUnique({
      where: { saleId_userId: { saleId: message.saleId, userId: message.userId } },
      select: { id: true },
    });
    // No row for this shopper: the sale or the shopper does not exist (a conflict on the
    // reservation id alone cannot come from our own reservations).
    if (!raced) return { ok: false, reason: await missingParty(deps.db, message) };
    outcome = { ok: true, status: "DUPLICATE", orderId: raced.id };
  }

  await deps.redis.zrem(
    saleKeys(deps.namespace, message.saleId).pending,
    pendingMember(message.userId, message.reservationId),
  );
  return outcome;
}
