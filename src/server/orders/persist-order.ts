// Writes reserved units to Postgres as orders, in batches (group commit): a delivery persists its
// own reservation together with the other pending ones of the same sale, so later deliveries find
// theirs done. Idempotent: the (sale, user) and reservation unique constraints turn every
// redelivery into a no-op.
//
// Postgres guards capacity. The batch runs in one transaction that first locks the sale's row, so
// batches of one sale take turns; each fresh order takes a unit from the sale's durable soldCount
// while soldCount < totalStock. One that does not fit (possible only after Redis lost state) is
// recorded as REFUSED_OVERSOLD — visible to the shopper, the admin and the reconciler — never
// dropped. Earlier reservations get the units first. A refused shopper whom Redis later grants a
// unit again (after a re-arm) has that refusal turned into an order when a unit is left, so the
// unit Redis took for them is not stranded.
import type { DatabaseClient } from "~/server/db";
import type { OrderMessage } from "./order-message";
import { newOrderId } from "./order-id";

export type PersistOutcome =
  | { ok: true; status: "CREATED" | "DUPLICATE" | "REFUSED_OVERSOLD"; orderId: string }
  /** Another delivery's batch already recorded it (the journal says so); no database work done. */
  | { ok: true; status: "SETTLED" }
  /** Can never succeed however often it is retried. */
  | { ok: false; reason: "UNKNOWN_SALE" | "UNKNOWN_USER" };

export interface PendingReservation {
  userId: string;
  reservationId: string;
  /** Epoch milliseconds. */
  reservedAt: number;
}

interface Row {
  id: string;
  userId: string;
  reservationId: string;
  status: string;
  created: boolean;
}

/** One reservation per shopper, the earliest: a batch never carries two claims for one person. */
function earliestPerShopper(reservations: PendingReservation[]): PendingReservation[] {
  const byUser = new Map<string, PendingReservation>();
  for (const reservation of reservations) {
    const seen = byUser.get(reservation.userId);
    if (!seen || reservation.reservedAt < seen.reservedAt) byUser.set(reservation.userId, reservation);
  }
  return [...byUser.values()];
}

/**
 * Persists reservations of one sale and answers, per reservation id, what became of it. A
 * reservation whose shopper already has an order answers DUPLICATE with that order's id.
 */
export async function persistReservations(
  db: DatabaseClient,
  saleId: string,
  reservations: PendingReservation[],
): Promise<Map<string, PersistOutcome>> {
  const batch = earliestPerShopper(reservations);
  const ids = batch.map(() => newOrderId());
  const [locked, rows] = await db.$transaction([
    db.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Sale" WHERE "id" = ${saleId} FOR UPDATE`,
    // A new statement, so its snapshot includes every batch committed while we waited for the lock.
    db.$queryRaw<Row[]>`
      WITH input AS (
        SELECT * FROM unnest(
          ${ids}::text[], ${batch.map((r) => r.userId)}::text[], ${batch.map((r) => r.reservationId)}::text[],
          ${batch.map((r) => new Date(r.reservedAt))}::timestamptz[]
        ) AS t("id", "userId", "reservationId", "reservedAt")
      ),
      -- A new order, or a newer reservation of a shopper whose earlier one was refused as oversold
      -- (Redis, re-armed, let them buy again): either takes a unit if one is left.
      candidates AS (
        SELECT i.*, refused."id" AS "refusedId",
               row_number() OVER (ORDER BY i."reservedAt", i."reservationId") AS n
        FROM input i
        JOIN "User" u ON u."id" = i."userId"
        LEFT JOIN "Order" refused ON refused."saleId" = ${saleId} AND refused."userId" = i."userId"
                                 AND refused."status" = 'REFUSED_OVERSOLD' AND refused."reservationId" <> i."reservationId"
        WHERE NOT EXISTS (SELECT 1 FROM "Order" r WHERE r."reservationId" = i."reservationId")
          AND (refused."id" IS NOT NULL
               OR NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."saleId" = ${saleId} AND o."userId" = i."userId"))
      ),
      inserted AS (
        INSERT INTO "Order" ("id", "saleId", "userId", "status", "reservationId", "priceMinor", "currency",
                             "reservedAt", "createdAt", "updatedAt")
        SELECT c."id", s."id", c."userId",
               (CASE WHEN c.n <= s."totalStock" - s."soldCount" THEN 'CONFIRMED' ELSE 'REFUSED_OVERSOLD' END)::"OrderStatus",
               c."reservationId", s."priceMinor", s."currency", c."reservedAt", now(), now()
        FROM candidates c JOIN "Sale" s ON s."id" = ${saleId}
        WHERE c."refusedId" IS NULL
        ON CONFLICT DO NOTHING
        RETURNING "id", "userId", "reservationId", "status"
      ),
      upgraded AS (
        UPDATE "Order" o
        SET "status" = 'CONFIRMED', "reservationId" = c."reservationId", "reservedAt" = c."reservedAt", "updatedAt" = now()
        FROM candidates c JOIN "Sale" s ON s."id" = ${saleId}
        WHERE o."id" = c."refusedId" AND c.n <= s."totalStock" - s."soldCount"
        RETURNING o."id", o."userId", o."reservationId", o."status"
      ),
      taken AS (
        UPDATE "Sale"
        SET "soldCount" = "soldCount" + (SELECT count(*) FROM inserted WHERE "status" = 'CONFIRMED')
                                      + (SELECT count(*) FROM upgraded)
        WHERE "id" = ${saleId}
          AND (EXISTS (SELECT 1 FROM inserted WHERE "status" = 'CONFIRMED') OR EXISTS (SELECT 1 FROM upgraded))
      )
      SELECT "id", "userId", "reservationId", "status"::text AS "status", true AS "created" FROM inserted
      UNION ALL
      SELECT "id", "userId", "reservationId", "status"::text, true FROM upgraded
      UNION ALL
      SELECT o."id", o."userId", o."reservationId", o."status"::text, false
      FROM "Order" o JOIN input i ON o."saleId" = ${saleId} AND o."userId" = i."userId"
      WHERE o."userId" NOT IN (SELECT "userId" FROM upgraded)`,
  ]);

  const outcomes = new Map<string, PersistOutcome>();
  if (locked.length === 0) {
    for (const reservation of reservations)
      outcomes.set(reservation.reservationId, { ok: false, reason: "UNKNOWN_SALE" });
    return outcomes;
  }
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  const unanswered = batch.filter((reservation) => !byUser.has(reservation.userId)).map((r) => r.userId);
  const existingUsers = new Set<string>();
  if (unanswered.length > 0) {
    // No row came back: the shopper does not exist — or a writer that does not take the sale's lock
    // inserted after our snapshot. Ask rather than guess: revoking a real shopper would be wrong.
    const [users, late] = await Promise.all([
      db.user.findMany({ where: { id: { in: unanswered } }, select: { id: true } }),
      db.order.findMany({
        where: { saleId, userId: { in: unanswered } },
        select: { id: true, userId: true, reservationId: true, status: true },
      }),
    ]);
    for (const user of users) existingUsers.add(user.id);
    for (const order of late) byUser.set(order.userId, { ...order, status: String(order.status), created: false });
  }
  for (const reservation of reservations) {
    const row = byUser.get(reservation.userId);
    if (!row) {
      if (existingUsers.has(reservation.userId)) {
        throw new Error(`order for reservation ${reservation.reservationId} was neither written nor found; retry`);
      }
      outcomes.set(reservation.reservationId, { ok: false, reason: "UNKNOWN_USER" });
      continue;
    }
    const fresh = row.created && row.reservationId === reservation.reservationId;
    const status = row.status === "REFUSED_OVERSOLD" ? "REFUSED_OVERSOLD" : fresh ? "CREATED" : "DUPLICATE";
    outcomes.set(reservation.reservationId, { ok: true, status, orderId: row.id });
  }
  return outcomes;
}

/** Persists one order message; see persistReservations. */
export async function persistOrder(db: DatabaseClient, message: OrderMessage): Promise<PersistOutcome> {
  const outcomes = await persistReservations(db, message.saleId, [message]);
  return outcomes.get(message.reservationId) ?? { ok: false, reason: "UNKNOWN_USER" };
}
